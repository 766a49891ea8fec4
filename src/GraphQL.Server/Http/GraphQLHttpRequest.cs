namespace Diecast.GraphQL.Server.Http;

/// <summary>
/// A GraphQL request as read off the wire, before execution: exactly one of <paramref name="Query"/> (the document)
/// and <paramref name="DocumentId"/> (a trusted document's id) is set.
/// </summary>
public sealed record GraphQLHttpRequest(string? Query, string? DocumentId, string? OperationName, Inputs? Variables, Inputs? Extensions)
{
    /// <summary>For a multipart upload request, the variables that hold its files (<see cref="IFile"/>); null otherwise.</summary>
    public IReadOnlySet<string>? UploadVariables { get; init; }
}

/// <summary>A request that cannot be executed: answered with this status and message, nothing executed.</summary>
public sealed class GraphQLRequestException(int statusCode, string code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Code { get; } = code;
}
