using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Diecast.GraphQL.Client;

/// <summary>
/// GraphQL over HTTP: a POST of <c>{query|documentId, operationName, variables}</c> to the HttpClient's base address.
/// Whatever goes wrong on the way (no connection, a timeout, an HTML error page, malformed JSON, data that does not
/// match the operation) comes back as a typed error in <see cref="IOperationResult{TData}.Errors"/>; only the caller's
/// own cancellation throws.
/// </summary>
public sealed class GraphQLHttpConnection(HttpClient httpClient, GraphQLDocumentMode documentMode = GraphQLDocumentMode.Text) : IGraphQLConnection
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";
    private const string JsonMediaType = "application/json";

    public async Task<IOperationResult<TData>> ExecuteAsync<TData>(GraphQLOperationRequest request, Func<JsonElement, TData> readData, CancellationToken cancellationToken)
        where TData : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(readData);
        using var message = new HttpRequestMessage(HttpMethod.Post, (Uri?)null) { Content = CreateBody(request) };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLResponseMediaType));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));

        HttpStatusCode status;
        string? mediaType;
        byte[] body;
        try
        {
            using var response = await httpClient.SendAsync(message, cancellationToken);
            status = response.StatusCode;
            mediaType = response.Content.Headers.ContentType?.MediaType;
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException exception)
        {
            return Failure<TData>(null, new ClientError(
                $"The GraphQL request to {Endpoint} timed out after {httpClient.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s without a response.",
                ClientErrorCodes.Timeout, Exception: exception));
        }
        catch (HttpRequestException exception)
        {
            return Failure<TData>(null, new ClientError(
                $"The GraphQL request to {Endpoint} failed before a response arrived: {exception.Message}",
                ClientErrorCodes.NetworkError, Exception: exception));
        }

        return ReadResponse(status, mediaType, body, readData);
    }

    private string Endpoint => httpClient.BaseAddress?.ToString() ?? "(no base address)";

    private ByteArrayContent CreateBody(GraphQLOperationRequest request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (documentMode == GraphQLDocumentMode.DocumentId)
            {
                writer.WriteString("documentId", request.DocumentId);
            }
            else
            {
                writer.WriteString("query", request.Document);
            }

            writer.WriteString("operationName", request.OperationName);
            if (request.WriteVariables is { } writeVariables)
            {
                writer.WritePropertyName("variables");
                writer.WriteStartObject();
                writeVariables(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType) { CharSet = "utf-8" };
        return content;
    }

    private OperationResult<TData> ReadResponse<TData>(HttpStatusCode status, string? mediaType, byte[] body, Func<JsonElement, TData> readData)
        where TData : class
    {
        var statusCode = (int)status;
        var success = statusCode is >= 200 and < 300;
        var isGraphQLResponse = string.Equals(mediaType, GraphQLResponseMediaType, StringComparison.OrdinalIgnoreCase);
        var isJson = string.Equals(mediaType, JsonMediaType, StringComparison.OrdinalIgnoreCase);
        var described = $"{statusCode} ({status}) with content type {mediaType ?? "(none)"}";

        // application/graphql-response+json is a GraphQL response whatever the status; application/json only on success
        // (the GraphQL over HTTP spec), since a proxy or framework may answer a failure with JSON of its own.
        if (!isGraphQLResponse && !(isJson && success))
        {
            return isJson
                ? Failure<TData>(statusCode, new ClientError($"The GraphQL server at {Endpoint} answered {described}: {Excerpt(body)}", ClientErrorCodes.HttpError))
                : Failure<TData>(statusCode, new ClientError($"The GraphQL server at {Endpoint} answered {described}, which is not a GraphQL response: {Excerpt(body)}", ClientErrorCodes.UnexpectedContentType));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            return Failure<TData>(statusCode, new ClientError($"The GraphQL server at {Endpoint} answered {described} whose body is not valid JSON ({exception.Message}): {Excerpt(body)}", ClientErrorCodes.MalformedResponse, Exception: exception));
        }

        using (document)
        {
            var root = document.RootElement;
            var isObject = root.ValueKind == JsonValueKind.Object;
            JsonElement? dataElement = isObject && root.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? d : null;
            JsonElement? errorsElement = isObject && root.TryGetProperty("errors", out var e) ? e : null;
            // No data and no error (absent, null or an empty list) would read as a success with nothing in it.
            if (dataElement is null && (errorsElement is null || errorsElement.Value is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() == 0))
            {
                return Failure<TData>(statusCode, new ClientError($"The GraphQL server at {Endpoint} answered {described} holding neither data nor errors: {Excerpt(body)}", ClientErrorCodes.MalformedResponse));
            }

            var errors = ReadErrors(errorsElement, body);
            var data = dataElement is { } dataValue ? ReadData(dataValue, readData, errors) : null;

            if (!success && errors.Count == 0)
            {
                errors.Add(new ClientError($"The GraphQL server at {Endpoint} answered {described}.", ClientErrorCodes.HttpError));
            }

            return new OperationResult<TData>(data, errors, statusCode);
        }
    }

    private static List<IClientError> ReadErrors(JsonElement? errorsElement, byte[] body)
    {
        var errors = new List<IClientError>();
        if (errorsElement is { } errorList)
        {
            if (errorList.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new ClientError($"The response's errors are not a list: {Excerpt(body)}", ClientErrorCodes.MalformedResponse));
            }
            else
            {
                errors.AddRange(errorList.EnumerateArray().Select(ReadError));
            }
        }

        return errors;
    }

    /// <summary>The data as the operation's reader reads it, or null after adding an <see cref="ClientErrorCodes.InvalidData"/> error.</summary>
    private static TData? ReadData<TData>(JsonElement data, Func<JsonElement, TData> readData, List<IClientError> errors)
        where TData : class
    {
        try
        {
            return data.ValueKind == JsonValueKind.Object
                ? readData(data)
                : throw new InvalidResponseDataException($"The response's data is {data.ValueKind}, not an object.");
        }
        catch (InvalidResponseDataException exception)
        {
            errors.Add(new ClientError(exception.Message, ClientErrorCodes.InvalidData, Exception: exception));
            return null;
        }
    }

    private static ClientError ReadError(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return new ClientError($"An error in the response is not an object: {error.GetRawText()}", ClientErrorCodes.MalformedResponse);
        }

        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "(the error has no message)";
        Dictionary<string, JsonElement>? extensions = null;
        if (error.TryGetProperty("extensions", out var e) && e.ValueKind == JsonValueKind.Object)
        {
            // JSON allows a name twice; the last one wins, as in most parsers.
            extensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in e.EnumerateObject())
            {
                extensions[property.Name] = property.Value.Clone();
            }
        }

        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()
            : extensions is not null && extensions.TryGetValue("code", out var ec) && ec.ValueKind == JsonValueKind.String ? ec.GetString() : null;

        List<object>? path = null;
        if (error.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.Array)
        {
            path = [.. p.EnumerateArray().Select(segment => segment.ValueKind == JsonValueKind.Number && segment.TryGetInt32(out var index) ? (object)index : segment.ToString())];
        }

        List<ErrorLocation>? locations = null;
        if (error.TryGetProperty("locations", out var l) && l.ValueKind == JsonValueKind.Array)
        {
            locations = [.. l.EnumerateArray()
                .Where(location => location.ValueKind == JsonValueKind.Object)
                .Select(location => new ErrorLocation(IntOrZero(location, "line"), IntOrZero(location, "column")))];
        }

        return new ClientError(message, code, path, locations, extensions);
    }

    private static int IntOrZero(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : 0;

    private static OperationResult<TData> Failure<TData>(int? statusCode, IClientError error)
        where TData : class => new(null, [error], statusCode);

    private static string Excerpt(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(empty body)";
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).ReplaceLineEndings(" ");
        return body.Length > 200 ? text + "…" : text;
    }
}
