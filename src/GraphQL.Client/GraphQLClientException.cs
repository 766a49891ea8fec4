namespace Diecast.GraphQL.Client;

/// <summary>Thrown by <see cref="OperationResultChecks.EnsureNoErrors{TData}"/>: the message lists every error.</summary>
public sealed class GraphQLClientException : Exception
{
    public GraphQLClientException(IReadOnlyList<IClientError> errors)
        : base(Describe(errors), errors.Select(e => e.Exception).FirstOrDefault(e => e is not null))
    {
        Errors = errors;
    }

    public GraphQLClientException()
        : this([])
    {
    }

    public GraphQLClientException(string message)
        : base(message)
    {
        Errors = [new ClientError(message)];
    }

    public GraphQLClientException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ClientError(message, Exception: innerException)];
    }

    public IReadOnlyList<IClientError> Errors { get; } = [];

    private static string Describe(IReadOnlyList<IClientError> errors) => errors.Count switch
    {
        0 => "The GraphQL operation failed.",
        1 => "The GraphQL operation failed: " + errors[0],
        _ => $"The GraphQL operation failed with {errors.Count} errors:" + string.Concat(errors.Select(e => "\n- " + e)),
    };
}
