using GraphQL;

namespace Diecast.Api.GraphQL.Http;

/// <summary>A GraphQL request as read off the wire, before execution.</summary>
public sealed record GraphQLHttpRequest(string Query, string? OperationName, Inputs? Variables, Inputs? Extensions);

/// <summary>A request that cannot be executed: answered with this status and message, nothing executed.</summary>
public sealed class GraphQLRequestException(int statusCode, string code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Code { get; } = code;
}
