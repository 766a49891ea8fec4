using System.Text.Json;

namespace Diecast.GraphQL.Client;

/// <summary>One error: a GraphQL error from the server, or one the client met (see <see cref="ClientErrorCodes"/>).</summary>
public interface IClientError
{
    string Message { get; }

    /// <summary>The error's code: a top-level <c>code</c> first, then <c>extensions.code</c> (StrawberryShake's order).</summary>
    string? Code { get; }

    /// <summary>The response path of the field that failed: names and list indexes.</summary>
    IReadOnlyList<object>? Path { get; }

    IReadOnlyList<ErrorLocation>? Locations { get; }

    IReadOnlyDictionary<string, JsonElement>? Extensions { get; }

    /// <summary>The exception behind a client-side error, if any.</summary>
    Exception? Exception { get; }
}

/// <summary>A position in the sent document.</summary>
public readonly record struct ErrorLocation(int Line, int Column);

/// <summary>The <see cref="IClientError"/> the connection builds, from a GraphQL error or from a failure of its own.</summary>
public sealed record ClientError(
    string Message,
    string? Code = null,
    IReadOnlyList<object>? Path = null,
    IReadOnlyList<ErrorLocation>? Locations = null,
    IReadOnlyDictionary<string, JsonElement>? Extensions = null,
    Exception? Exception = null) : IClientError
{
    public override string ToString() => Code is null ? Message : $"{Message} ({Code})";
}

/// <summary>The codes of errors the client itself reports; GraphQL errors keep the server's codes.</summary>
public static class ClientErrorCodes
{
    /// <summary>No response: connection refused, DNS failure, connection reset.</summary>
    public const string NetworkError = "CLIENT_NETWORK_ERROR";

    /// <summary>No response within the HttpClient's timeout.</summary>
    public const string Timeout = "CLIENT_TIMEOUT";

    /// <summary>An application/json (or other non-GraphQL) response with a non-success status code.</summary>
    public const string HttpError = "CLIENT_HTTP_ERROR";

    /// <summary>A body that is not JSON (an HTML error page from a proxy, for example).</summary>
    public const string UnexpectedContentType = "CLIENT_UNEXPECTED_CONTENT_TYPE";

    /// <summary>JSON that is not a GraphQL response: unparsable, or neither data nor errors.</summary>
    public const string MalformedResponse = "CLIENT_MALFORMED_RESPONSE";

    /// <summary>Data that does not match the operation: a non-null field missing or null, a wrong JSON kind, an unknown enum value.</summary>
    public const string InvalidData = "CLIENT_INVALID_DATA";
}
