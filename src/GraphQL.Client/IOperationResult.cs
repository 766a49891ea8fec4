namespace Diecast.GraphQL.Client;

/// <summary>The outcome of one operation: its data (null when the server sent none or it could not be read) and every error.</summary>
public interface IOperationResult<out TData>
    where TData : class
{
    /// <summary>The operation's result, typed as its selection says.</summary>
    TData? Data { get; }

    /// <summary>GraphQL errors from the server and client-side errors (transport, malformed responses); empty on success.</summary>
    IReadOnlyList<IClientError> Errors { get; }

    /// <summary>The response's HTTP status code, or null when no response arrived.</summary>
    int? StatusCode { get; }
}

/// <summary>The checks StrawberryShake offers on a result (as extension methods, so a result reads <c>result.EnsureNoErrors()</c>).</summary>
public static class OperationResultChecks
{
    /// <summary>Throws <see cref="GraphQLClientException"/> listing every error when there is any.</summary>
    public static void EnsureNoErrors<TData>(this IOperationResult<TData> result)
        where TData : class
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Errors.Count > 0)
        {
            throw new GraphQLClientException(result.Errors);
        }
    }

    /// <summary>Whether there is any error, including alongside partial data.</summary>
    public static bool IsErrorResult<TData>(this IOperationResult<TData> result)
        where TData : class
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors.Count > 0;
    }

    /// <summary>Whether there is data and no error at all.</summary>
    public static bool IsSuccessResult<TData>(this IOperationResult<TData> result)
        where TData : class
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors.Count == 0 && result.Data is not null;
    }
}

/// <summary>The result of an operation, as the connection builds it.</summary>
public sealed class OperationResult<TData>(TData? data, IReadOnlyList<IClientError> errors, int? statusCode) : IOperationResult<TData>
    where TData : class
{
    public TData? Data { get; } = data;

    public IReadOnlyList<IClientError> Errors { get; } = errors;

    public int? StatusCode { get; } = statusCode;
}
