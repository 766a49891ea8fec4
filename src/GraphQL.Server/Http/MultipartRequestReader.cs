using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Diecast.GraphQL.Server.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Diecast.GraphQL.Server.Http;

/// <summary>
/// Reads a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec, as HotChocolate
/// serves it): a <c>multipart/form-data</c> POST whose parts are <c>operations</c> (the JSON request, with null where each
/// file goes), then <c>map</c> (JSON: part name → object paths such as <c>variables.input.file</c>), then the files.
/// Refuses, in this order and before anything executes: uploads the application did not turn on (415), a request
/// without a preflight header (400 <c>HC0077</c>, before the body is read), a caller the upload policy refuses
/// (401/403, before the body is read), and then anything malformed or over a limit, while streaming.
/// Codes are HotChocolate's where it has one (HC0033–HC0044, HC0077).
/// </summary>
public sealed class MultipartRequestReader(GraphQLHttpRequestReader json, IOptions<GraphQLLimits> limits, IOptions<GraphQLUploadOptions> options, UploadAccess? access = null)
{
    public const string PreflightRequiredCode = "HC0077";
    public const string InvalidFormCode = "HC0033";
    public const string OperationsMissingCode = "HC0034";
    public const string MisorderedCode = "HC0035";
    public const string NoObjectPathCode = "HC0037";
    public const string FileMissingCode = "HC0038";
    public const string VariableNotFoundCode = "HC0039";
    public const string InvalidPathCode = "HC0041";
    public const string PathMustStartWithVariablesCode = "HC0042";
    public const string InvalidMapCode = "HC0043";
    public const string MapMissingCode = "HC0044";
    public const string NoFilesCode = "UPLOAD_NO_FILES";
    public const string FileNotMappedCode = "UPLOAD_FILE_NOT_MAPPED";
    public const string FileRepeatedCode = "UPLOAD_FILE_REPEATED";
    public const string BatchingNotSupportedCode = "BATCHING_NOT_SUPPORTED";
    public const string TooLargeCode = "UPLOAD_TOO_LARGE";
    public const string FileTooLargeCode = "UPLOAD_FILE_TOO_LARGE";
    public const string TooManyFilesCode = "UPLOAD_TOO_MANY_FILES";

    /// <summary>
    /// Headers a plain HTML form cannot send, so a request carrying one was made by script, which a browser lets through
    /// cross-site only after a CORS preflight this server does not grant: HotChocolate's <c>GraphQL-Preflight</c>, and
    /// Apollo's two (its CSRF prevention accepts these), any value.
    /// </summary>
    public static readonly IReadOnlyList<string> PreflightHeaders = ["GraphQL-Preflight", "Apollo-Require-Preflight", "X-Apollo-Operation-Name"];

    private const string Operations = "operations";
    private const string Map = "map";
    private const string VariablesSegment = "variables";

    /// <summary>Whether a request's Content-Type is <c>multipart/form-data</c>.</summary>
    public static bool IsMultipart(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public async Task<GraphQLHttpRequest> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        if (access is null)
        {
            throw new GraphQLRequestException(StatusCodes.Status415UnsupportedMediaType, "CONTENT_TYPE_UNSUPPORTED", $"The content type '{request.ContentType}' is not supported: this server takes no uploads; send 'application/json' encoded as UTF-8.");
        }

        if (!PreflightHeaders.Any(request.Headers.ContainsKey))
        {
            throw Invalid(PreflightRequiredCode, "A multipart request must carry the header 'GraphQL-Preflight: 1' (or Apollo's 'Apollo-Require-Preflight'), which a plain HTML form cannot send.");
        }

        await AuthorizeAsync(http, access.Policy);
        var settings = options.Value;
        if (request.ContentLength > settings.MaxUploadRequestBytes)
        {
            throw RequestTooLarge(settings.MaxUploadRequestBytes);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = settings.MaxUploadRequestBytes;
        }

        var spool = new UploadSpool(settings.UploadMemoryBufferBytes);
        // Disposed when the request ends, however it ends: the temporary files go with it.
        http.Response.RegisterForDisposeAsync(spool);
        var body = new CountingStream(request.Body, settings.MaxUploadRequestBytes);
        try
        {
            return await ReadPartsAsync(new MultipartReader(Boundary(request.ContentType), body), spool, settings, cancellationToken);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw RequestTooLarge(settings.MaxUploadRequestBytes);
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw Invalid(InvalidFormCode, $"The multipart form could not be read: {exception.Message}");
        }
        catch (InvalidDataException exception)
        {
            // The multipart reader's own limits and framing (a part's headers too long, a boundary missing).
            throw Invalid(InvalidFormCode, $"The multipart form could not be read: {exception.Message}");
        }
    }

    private static async Task AuthorizeAsync(HttpContext http, string? policy)
    {
        if (policy is null)
        {
            return;
        }

        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(http.User, policy)).Succeeded)
        {
            return;
        }

        throw http.User.Identity?.IsAuthenticated == true
            ? new GraphQLRequestException(StatusCodes.Status403Forbidden, FieldAuthorization.NotAuthorized, "The current user may not upload files.")
            : new GraphQLRequestException(StatusCodes.Status401Unauthorized, FieldAuthorization.NotAuthenticated, "Uploading files needs a signed-in user who may upload.");
    }

    private async Task<GraphQLHttpRequest> ReadPartsAsync(MultipartReader reader, UploadSpool spool, GraphQLUploadOptions settings, CancellationToken cancellationToken)
    {
        var operationsPart = await reader.ReadNextSectionAsync(cancellationToken);
        if (operationsPart is null)
        {
            throw Invalid(OperationsMissingCode, "No 'operations' part: a multipart request sends 'operations', then 'map', then the files.");
        }

        if (PartName(operationsPart) != Operations)
        {
            throw Invalid(MisorderedCode, $"Misordered multipart fields: the first part is '{PartName(operationsPart)}', but 'operations' must come first, then 'map', then the files.");
        }

        var graphQLRequest = ReadOperations(await ReadSmallPartAsync(operationsPart, Operations, cancellationToken));
        var variables = (Dictionary<string, object?>?)Mutable(graphQLRequest.Variables);

        var mapPart = await reader.ReadNextSectionAsync(cancellationToken);
        if (mapPart is null)
        {
            throw Invalid(MapMissingCode, "No 'map' part: after 'operations' comes 'map', the JSON object that names where each file goes.");
        }

        if (PartName(mapPart) != Map)
        {
            throw Invalid(MisorderedCode, $"Misordered multipart fields: the part after 'operations' is '{PartName(mapPart)}', but 'map' must follow 'operations', before the files.");
        }

        var map = ReadMap(await ReadSmallPartAsync(mapPart, Map, cancellationToken), settings);
        var targets = map.ToDictionary(entry => entry.Key, entry => entry.Value.Select(path => Target.Resolve(path, variables)).ToList(), StringComparer.Ordinal);

        var files = new Dictionary<string, IFile>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } part)
        {
            var name = PartName(part);
            if (!map.ContainsKey(name))
            {
                throw Invalid(FileNotMappedCode, $"The part '{name}' is not a key of 'map': every part after 'map' is a file the map places.");
            }

            if (files.ContainsKey(name))
            {
                throw Invalid(FileRepeatedCode, $"The file part '{name}' is sent twice.");
            }

            var disposition = ContentDisposition(part);
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            files[name] = await spool.AddAsync(
                part.Body,
                string.IsNullOrEmpty(fileName) ? name : fileName,
                part.ContentType,
                settings.MaxUploadFileBytes,
                () => new GraphQLRequestException(StatusCodes.Status413PayloadTooLarge, FileTooLargeCode, $"The file '{name}' is larger than the limit of {settings.MaxUploadFileBytes} bytes."),
                cancellationToken);
        }

        foreach (var (name, places) in targets)
        {
            if (!files.TryGetValue(name, out var file))
            {
                throw Invalid(FileMissingCode, $"The map names the file '{name}', but no part of that name was sent.");
            }

            foreach (var place in places)
            {
                place.Set(file);
            }
        }

        return graphQLRequest with
        {
            Variables = new Inputs(variables!),
            UploadVariables = targets.Values.SelectMany(places => places).Select(place => place.Variable).ToHashSet(StringComparer.Ordinal),
        };
    }

    private GraphQLHttpRequest ReadOperations(byte[] body)
    {
        var start = body.AsSpan().TrimStart(" \t\r\n"u8);
        if (start.Length > 0 && start[0] == (byte)'[')
        {
            throw Invalid(BatchingNotSupportedCode, "'operations' is a JSON array (a batch), which this server does not run: send one operation, a JSON object, per request.");
        }

        return json.ReadJsonBody(body, "The 'operations' part");
    }

    /// <summary>The map: a JSON object of part name → a non-empty array of object paths; at least one, at most <see cref="GraphQLUploadOptions.MaxUploadFiles"/>.</summary>
    private static Dictionary<string, List<string>> ReadMap(byte[] body, GraphQLUploadOptions settings)
    {
        const string Shape = "'map' must be a JSON object whose keys are file part names and whose values are arrays of object paths, e.g. {\"0\": [\"variables.input.file\"]}.";
        Dictionary<string, List<string>> map = new(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(InvalidMapCode, Shape);
            }

            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Array || entry.Value.EnumerateArray().Any(path => path.ValueKind != JsonValueKind.String))
                {
                    throw Invalid(InvalidMapCode, Shape);
                }

                if (entry.Name.Length == 0 || map.ContainsKey(entry.Name))
                {
                    throw Invalid(InvalidMapCode, $"'map' has an empty or repeated key '{entry.Name}'. " + Shape);
                }

                var paths = entry.Value.EnumerateArray().Select(path => path.GetString()!).ToList();
                if (paths.Count == 0)
                {
                    throw Invalid(NoObjectPathCode, $"No object paths are given for the key '{entry.Name}' in 'map'.");
                }

                map[entry.Name] = paths;
            }
        }
        catch (JsonException exception)
        {
            throw Invalid(InvalidMapCode, $"'map' is not valid JSON: {exception.Message} " + Shape);
        }

        if (map.Count == 0)
        {
            throw Invalid(NoFilesCode, "The map names no file: a multipart request is for uploads; send other requests as 'application/json'.");
        }

        if (map.Count > settings.MaxUploadFiles)
        {
            throw new GraphQLRequestException(StatusCodes.Status413PayloadTooLarge, TooManyFilesCode, $"The map names {map.Count} files; at most {settings.MaxUploadFiles} may be uploaded in one request.");
        }

        return map;
    }

    /// <summary><c>operations</c> and <c>map</c> are JSON requests like any other, under the same limit as a JSON body.</summary>
    private async Task<byte[]> ReadSmallPartAsync(MultipartSection part, string name, CancellationToken cancellationToken)
    {
        var limit = limits.Value.MaxRequestBytes;
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var read = await part.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                throw new GraphQLRequestException(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"The '{name}' part is larger than the limit of {limit} bytes.");
            }
        }
    }

    private static string Boundary(string? contentType)
    {
        var boundary = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? HeaderUtilities.RemoveQuotes(parsed.Boundary).Value : null;
        // RFC 2046 §5.1.1: 1 to 70 characters.
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70
            ? throw Invalid(InvalidFormCode, "The multipart form could not be read: the Content-Type has no valid boundary.")
            : boundary;
    }

    private static ContentDispositionHeaderValue ContentDisposition(MultipartSection part) =>
        ContentDispositionHeaderValue.TryParse(part.ContentDisposition, out var disposition)
        && disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
        && !StringSegment.IsNullOrEmpty(HeaderUtilities.RemoveQuotes(disposition.Name))
            ? disposition
            : throw Invalid(InvalidFormCode, "The multipart form could not be read: every part needs 'Content-Disposition: form-data; name=\"…\"'.");

    private static string PartName(MultipartSection part) => HeaderUtilities.RemoveQuotes(ContentDisposition(part).Name).Value!;

    /// <summary>A copy of the variables that files can be put into: objects as dictionaries, lists as lists.</summary>
    private static object? Mutable(object? value) => value switch
    {
        null or string => value,
        IEnumerable<KeyValuePair<string, object?>> map => map.ToDictionary(entry => entry.Key, entry => Mutable(entry.Value), StringComparer.Ordinal),
        System.Collections.IEnumerable list => list.Cast<object?>().Select(Mutable).ToList(),
        _ => value,
    };

    private static GraphQLRequestException Invalid(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

    private static GraphQLRequestException RequestTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, TooLargeCode, $"The upload request is larger than the limit of {limit} bytes.");

    /// <summary>One place the map puts a file: an entry of an object or an item of a list in the variables.</summary>
    private sealed class Target(string variable, Dictionary<string, object?>? map, List<object?>? list, string key, int index)
    {
        /// <summary>The top-level variable the file goes into.</summary>
        public string Variable { get; } = variable;

        public void Set(IFile file)
        {
            if (map is not null)
            {
                map[key] = file;
            }
            else
            {
                list![index] = file;
            }
        }

        /// <summary>
        /// <paramref name="path"/> (<c>variables.name</c>, then object keys and list indexes, dot-separated) within
        /// <paramref name="variables"/>; what it names must be there (the client's null placeholder), or the request is refused.
        /// </summary>
        public static Target Resolve(string path, Dictionary<string, object?>? variables)
        {
            var segments = path.Split('.');
            if (segments[0] != VariablesSegment)
            {
                throw Invalid(PathMustStartWithVariablesCode, $"The map path '{path}' must start with 'variables' (files are only reachable through variables), e.g. 'variables.input.file'.");
            }

            if (segments.Length < 2 || segments.Any(segment => segment.Length == 0))
            {
                throw Invalid(InvalidPathCode, $"The map path '{path}' is not an object path: 'variables', then the variable's name, then object keys and list indexes, separated by dots.");
            }

            object? container = variables;
            for (var i = 1; ; i++)
            {
                var segment = segments[i];
                var last = i == segments.Length - 1;
                switch (container)
                {
                    case Dictionary<string, object?> map when map.TryGetValue(segment, out var value):
                        if (last)
                        {
                            return new Target(segments[1], map, null, segment, 0);
                        }

                        container = value;
                        break;
                    case List<object?> list when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < list.Count:
                        if (last)
                        {
                            return new Target(segments[1], null, list, segment, index);
                        }

                        container = list[index];
                        break;
                    default:
                        throw Invalid(VariableNotFoundCode, $"The map path '{path}' names nothing in the variables of 'operations'; put null where each file goes (e.g. \"variables\": {{\"file\": null}}).");
                }
            }
        }
    }

    /// <summary>The request body, refused once more than <paramref name="limit"/> bytes have come, whatever the Content-Length said.</summary>
    private sealed class CountingStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw RequestTooLarge(limit) : read;
        }
    }
}
