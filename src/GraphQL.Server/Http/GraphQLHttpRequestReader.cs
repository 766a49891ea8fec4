using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using System.Web;

namespace Diecast.GraphQL.Server.Http;

/// <summary>
/// Reads a GraphQL request from a POST body (<c>application/json</c>) or a GET query string, and refuses
/// anything malformed or oversized with a precise 4xx before any GraphQL work is done.
/// </summary>
public sealed class GraphQLHttpRequestReader(IGraphQLSerializer serializer, IOptions<GraphQLLimits> options)
{
    /// <summary>A request whose text is not Unicode: invalid UTF-8, an unpaired surrogate, or an escape of either.</summary>
    public const string UnicodeInvalidCode = "UNICODE_INVALID";

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    public async Task<GraphQLHttpRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return ReadQueryString(request.Query, request.QueryString);
        }

        if (string.IsNullOrEmpty(request.ContentType))
        {
            throw new GraphQLRequestException(StatusCodes.Status415UnsupportedMediaType, "CONTENT_TYPE_MISSING", "A POST request needs the header 'Content-Type: application/json'.");
        }

        if (!GraphQLMediaTypes.IsJsonContent(request.ContentType))
        {
            throw new GraphQLRequestException(StatusCodes.Status415UnsupportedMediaType, "CONTENT_TYPE_UNSUPPORTED", $"The content type '{request.ContentType}' is not supported; send 'application/json' encoded as UTF-8.");
        }

        return ReadJsonBody(await ReadBodyAsync(request, cancellationToken), "The request body");
    }

    /// <summary>A JSON request (<paramref name="what"/> names it in errors: a POST body, a multipart request's <c>operations</c>).</summary>
    internal GraphQLHttpRequest ReadJsonBody(byte[] body, string what)
    {
        if (body.Length == 0)
        {
            throw Invalid("REQUEST_BODY_MISSING", $"{what} is empty; send a JSON object with a 'query'.");
        }

        if (!Utf8.IsValid(body))
        {
            throw NotUnicode($"{what} is not valid UTF-8.");
        }

        using var document = ParseJson(body, what);
        RefuseUnpairedSurrogates(body, what);
        return ReadBody(document.RootElement);
    }

    private async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRequestBytes;
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                throw TooLarge(limit);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private GraphQLHttpRequest ReadBody(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("REQUEST_NOT_AN_OBJECT", "The request body must be a JSON object with a 'query'.");
        }

        string? query = null;
        string? documentId = null;
        string? operationName = null;
        Inputs? variables = null;
        Inputs? extensions = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "query":
                    query = ReadString(property.Value, "query");
                    break;
                case "documentId":
                    documentId = ReadString(property.Value, "documentId");
                    break;
                case "operationName":
                    operationName = ReadString(property.Value, "operationName");
                    break;
                case "variables":
                    variables = ReadMap(property.Value, "variables");
                    break;
                case "extensions":
                    extensions = ReadMap(property.Value, "extensions");
                    break;
                default:
                    throw Invalid("REQUEST_PARAMETER_UNKNOWN", $"The request parameter '{property.Name}' is not known; use query (or documentId), operationName, variables and extensions.");
            }
        }

        return Request(query, documentId, operationName, variables, extensions);
    }

    private GraphQLHttpRequest ReadQueryString(IQueryCollection parameters, QueryString raw)
    {
        // ASP.NET Core decodes an escape that is not UTF-8 (%FF) as itself or U+FFFD, changing the text silently; the
        // raw query string is what the client sent.
        if (raw.HasValue && !Utf8.IsValid(HttpUtility.UrlDecodeToBytes(raw.Value)))
        {
            throw NotUnicode("The query string is not valid UTF-8 once its %-escapes are decoded.");
        }

        var length = parameters.Sum(p => p.Key.Length + p.Value.Sum(v => v?.Length ?? 0));
        if (length > options.Value.MaxRequestBytes)
        {
            throw TooLarge(options.Value.MaxRequestBytes);
        }

        foreach (var (name, values) in parameters)
        {
            if (name is not ("query" or "documentId" or "operationName" or "variables" or "extensions"))
            {
                throw Invalid("REQUEST_PARAMETER_UNKNOWN", $"The request parameter '{name}' is not known; use query (or documentId), operationName, variables and extensions.");
            }

            if (values.Count > 1)
            {
                throw Invalid("REQUEST_PARAMETER_REPEATED", $"The request parameter '{name}' is given more than once.");
            }

            if (values.Count == 1 && values[0] is { } value && !IsWellFormed(value))
            {
                throw NotUnicode($"The request parameter '{name}' is not valid Unicode.");
            }
        }

        return Request(
            parameters["query"].FirstOrDefault(),
            NullIfEmpty(parameters["documentId"].FirstOrDefault()),
            NullIfEmpty(parameters["operationName"].FirstOrDefault()),
            ReadJsonParameter(parameters["variables"].FirstOrDefault(), "variables"),
            ReadJsonParameter(parameters["extensions"].FirstOrDefault(), "extensions"));
    }

    private Inputs? ReadJsonParameter(string? json, string name)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        using var document = ParseJson(bytes, $"The '{name}' parameter");
        RefuseUnpairedSurrogates(bytes, $"The '{name}' parameter");
        return ReadMap(document.RootElement, name);
    }

    private Inputs? ReadMap(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Object => serializer.ReadNode<Inputs>(value),
        _ => throw Invalid("REQUEST_PARAMETER_INVALID", $"The '{name}' parameter must be a JSON object or null, not {Describe(value.ValueKind)}."),
    };

    private static string? ReadString(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => throw Invalid("REQUEST_PARAMETER_INVALID", $"The '{name}' parameter must be a string, not {Describe(value.ValueKind)}."),
    };

    /// <summary>A document or a trusted document's id (the GraphQL-over-HTTP persisted documents draft), never both.</summary>
    private static GraphQLHttpRequest Request(string? query, string? documentId, string? operationName, Inputs? variables, Inputs? extensions)
    {
        if (documentId is not null)
        {
            return query is null
                ? new GraphQLHttpRequest(null, documentId, operationName, variables, extensions)
                : throw Invalid("REQUEST_PARAMETER_INVALID", "The request has both 'query' and 'documentId'; send one of them.");
        }

        return string.IsNullOrWhiteSpace(query)
            ? throw Invalid("QUERY_MISSING", "The request has no 'query': send the GraphQL document as a string, or a trusted document's 'documentId'.")
            : new GraphQLHttpRequest(query, null, operationName, variables, extensions);
    }

    private static JsonDocument ParseJson(ReadOnlyMemory<byte> json, string what)
    {
        try
        {
            return JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException exception)
        {
            // The parser's message names the position, which is what a client needs to fix the body.
            throw Invalid("JSON_INVALID", $"{what} is not valid JSON: {exception.Message}");
        }
    }

    /// <summary>
    /// JSON may escape half of a surrogate pair (<c>"\ud800"</c>), which is no Unicode text: .NET cannot read it as
    /// a string and PostgreSQL could not store it. Only escaped strings can hold one once the bytes are valid UTF-8.
    /// </summary>
    private static void RefuseUnpairedSurrogates(ReadOnlySpan<byte> json, string what)
    {
        // Most bodies escape nothing: without a \u there is no escaped surrogate, and no second pass is needed.
        if (json.IndexOf("\\u"u8) < 0)
        {
            return;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonOptions.MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
            {
                continue;
            }

            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException)
            {
                throw NotUnicode($"{what} escapes an unpaired UTF-16 surrogate (\\uD800 to \\uDFFF), which is not Unicode text.");
            }
        }
    }

    /// <summary>Whether the text is valid UTF-16: every surrogate is half of a pair.</summary>
    private static bool IsWellFormed(string text)
    {
        var rest = text.AsSpan();
        while (rest.IndexOfAnyInRange('\uD800', '\uDFFF') is var at and >= 0)
        {
            if (Rune.DecodeFromUtf16(rest[at..], out _, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            rest = rest[(at + consumed)..];
        }

        return true;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static GraphQLRequestException Invalid(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

    private static GraphQLRequestException NotUnicode(string message) => Invalid(UnicodeInvalidCode, message);

    private static GraphQLRequestException TooLarge(int limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"The request is larger than the limit of {limit} bytes.");
}
