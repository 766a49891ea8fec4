using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Diecast.GraphQL.Server.Http;
using Diecast.GraphQL.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.GraphQL.Server.Tests.Http;

/// <summary>
/// The GraphQL multipart request spec through the whole transport (in memory): files arrive intact through
/// <c>operations</c>/<c>map</c>, and every malformed, oversized, cross-site or unauthorised request is refused with its
/// code before anything executes (<see cref="UploadLog"/> stays empty).
/// </summary>
[Collection("Uploads")]
public sealed class MultipartRequestTests : IAsyncLifetime
{
    private const string Uploader = "uploader";
    private const string EchoFile = "mutation ($file: Upload!) { echoFile(file: $file) { name contentType length sha256 } }";
    private const string EchoFiles = "mutation ($files: [Upload!]!) { echoFiles(files: $files) { name length sha256 } }";

    private TestGraphQLServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private UploadLog Log => _server.Services.GetRequiredService<UploadLog>();

    [Fact]
    public async Task A_single_file_arrives_intact_with_its_name_and_content_type()
    {
        var bytes = RandomBytes(1000);
        var (response, body) = await SendAsync(Parts(Operations(EchoFile, new { file = (object?)null }), """{"0": ["variables.file"]}""", File("0", bytes, "car.png", "image/png")));

        AssertOk(response, body);
        var echo = body.GetProperty("data").GetProperty("echoFile");
        Assert.Equal("car.png", echo.GetProperty("name").GetString());
        Assert.Equal("image/png", echo.GetProperty("contentType").GetString());
        Assert.Equal(1000, echo.GetProperty("length").GetInt64());
        Assert.Equal(Sha256(bytes), echo.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Several_files_arrive_in_the_list_positions_the_map_names()
    {
        byte[][] files = [RandomBytes(10), RandomBytes(70_000), RandomBytes(0)];
        var (response, body) = await SendAsync(Parts(
            Operations(EchoFiles, new { files = new object?[] { null, null, null } }),
            """{"a": ["variables.files.2"], "b": ["variables.files.0"], "c": ["variables.files.1"]}""",
            File("a", files[2], "empty.bin"),
            File("b", files[0], "small.bin"),
            File("c", files[1], "larger.bin")));

        AssertOk(response, body);
        var echoes = body.GetProperty("data").GetProperty("echoFiles").EnumerateArray().ToList();
        Assert.Equal(["small.bin", "larger.bin", "empty.bin"], echoes.Select(echo => echo.GetProperty("name").GetString()));
        Assert.Equal(files.Select(Sha256), echoes.Select(echo => echo.GetProperty("sha256").GetString()));
        Assert.Equal(files.Select(file => (long)file.Length), echoes.Select(echo => echo.GetProperty("length").GetInt64()));
    }

    [Fact]
    public async Task One_file_mapped_to_two_paths_is_the_same_file_in_both()
    {
        var bytes = RandomBytes(5000);
        var (response, body) = await SendAsync(Parts(
            Operations(EchoFiles, new { files = new object?[] { null, null } }),
            """{"0": ["variables.files.0", "variables.files.1"]}""",
            File("0", bytes, "twice.bin")));

        AssertOk(response, body);
        var echoes = body.GetProperty("data").GetProperty("echoFiles").EnumerateArray().ToList();
        Assert.Equal([Sha256(bytes), Sha256(bytes)], echoes.Select(echo => echo.GetProperty("sha256").GetString()));
        Assert.Same(Log.Files[0], Log.Files[1]);
    }

    [Fact]
    public async Task A_five_megabyte_file_goes_through_a_temporary_file_intact()
    {
        var bytes = RandomBytes(5 * 1024 * 1024);
        var (response, body) = await SendAsync(Parts(Operations(EchoFile, new { file = (object?)null }), """{"0": ["variables.file"]}""", File("0", bytes, "big.bin")));

        AssertOk(response, body);
        Assert.Equal(Sha256(bytes), body.GetProperty("data").GetProperty("echoFile").GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, body.GetProperty("data").GetProperty("echoFile").GetProperty("length").GetInt64());
    }

    [Fact]
    public async Task A_file_inside_an_input_object_binds_to_the_input_class()
    {
        var bytes = RandomBytes(300);
        var (response, body) = await SendAsync(Parts(
            Operations("mutation ($input: EchoInput!) { echoInput(input: $input) { sha256 label } }", new { input = new { file = (object?)null, label = "front" } }),
            """{"0": ["variables.input.file"]}""",
            File("0", bytes, "front.jpg")));

        AssertOk(response, body);
        var echo = body.GetProperty("data").GetProperty("echoInput");
        Assert.Equal(Sha256(bytes), echo.GetProperty("sha256").GetString());
        Assert.Equal("front", echo.GetProperty("label").GetString());
    }

    [Fact]
    public async Task An_upload_sent_as_a_json_string_is_an_invalid_value()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = EchoFile, variables = new { file = "aGVsbG8=" } }) };
        request.Headers.Accept.ParseAdd(GraphQLMediaTypes.GraphQLResponse);
        var (response, body) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_VALUE", Code(body));
        Assert.Empty(Log.Files);
    }

    [Fact]
    public async Task An_upload_written_as_a_literal_is_refused()
    {
        var (response, body) = await _server.PostAsync("""mutation { echoFile(file: "aGVsbG8=") { sha256 } }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ARGUMENTS_OF_CORRECT_TYPE", Code(body));
        Assert.Empty(Log.Files);
    }

    [Fact]
    public async Task A_string_in_the_variables_of_a_multipart_request_is_not_a_file_either()
    {
        var (response, body) = await SendAsync(Parts(
            Operations(EchoFiles, new { files = new object?[] { null, "not a file" } }),
            """{"0": ["variables.files.0"]}""",
            File("0", RandomBytes(10), "a.bin")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_VALUE", Code(body));
        Assert.Empty(Log.Files);
    }

    public static TheoryData<string, string, string> MalformedRequests => new()
    {
        // name, what is sent (parts in order; o = operations, m = map, f = file "0"), expected code
        { "missing map", "o f", MultipartRequestReader.MisorderedCode },
        { "operations only", "o", MultipartRequestReader.MapMissingCode },
        { "one empty part, no name", "", MultipartRequestReader.InvalidFormCode },
        { "map before operations", "m o f", MultipartRequestReader.MisorderedCode },
        { "file first", "f o m", MultipartRequestReader.MisorderedCode },
        { "file between operations and map", "o f m", MultipartRequestReader.MisorderedCode },
        { "map key without its file", "o m", MultipartRequestReader.FileMissingCode },
        { "file part not in the map", "o m f x", MultipartRequestReader.FileNotMappedCode },
        { "file sent twice", "o m f f", MultipartRequestReader.FileRepeatedCode },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task A_malformed_multipart_request_is_refused_with_its_code_and_nothing_runs(string name, string parts, string code)
    {
        var content = new MultipartFormDataContent();
        foreach (var part in parts.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (part)
            {
                case "o":
                    content.Add(new StringContent(Operations(EchoFile, new { file = (object?)null })), "operations");
                    break;
                case "m":
                    content.Add(new StringContent("""{"0": ["variables.file"]}"""), "map");
                    break;
                default:
                    content.Add(new ByteArrayContent(RandomBytes(10)), part == "f" ? "0" : part, "a.bin");
                    break;
            }
        }

        var (response, body) = await SendAsync(content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, name);
        Assert.True(code == Code(body), $"{name}: {body}");
        Assert.Empty(Log.Files);
    }

    [Theory]
    [InlineData("--b--\r\n", MultipartRequestReader.OperationsMissingCode)]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{\"query\": \"{ greeting }\"}", MultipartRequestReader.InvalidFormCode)]
    [InlineData("no boundary at all", MultipartRequestReader.InvalidFormCode)]
    public async Task A_body_that_is_not_a_complete_multipart_form_is_refused(string raw, string code)
    {
        var content = new StringContent(raw);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        var (response, body) = await SendAsync(content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(code == Code(body), body.ToString());
    }

    [Theory]
    [InlineData("""{"0": ["variables.nothing"]}""", MultipartRequestReader.VariableNotFoundCode)]
    [InlineData("""{"0": ["variables.file.deeper"]}""", MultipartRequestReader.VariableNotFoundCode)]
    [InlineData("""{"0": ["variables.files.0"]}""", MultipartRequestReader.VariableNotFoundCode)]
    [InlineData("""{"0": ["file"]}""", MultipartRequestReader.PathMustStartWithVariablesCode)]
    [InlineData("""{"0": ["0.variables.file"]}""", MultipartRequestReader.PathMustStartWithVariablesCode)]
    [InlineData("""{"0": ["variables"]}""", MultipartRequestReader.InvalidPathCode)]
    [InlineData("""{"0": ["variables..file"]}""", MultipartRequestReader.InvalidPathCode)]
    [InlineData("""{"0": []}""", MultipartRequestReader.NoObjectPathCode)]
    [InlineData("""{}""", MultipartRequestReader.NoFilesCode)]
    [InlineData("""{"0": "variables.file"}""", MultipartRequestReader.InvalidMapCode)]
    [InlineData("""["variables.file"]""", MultipartRequestReader.InvalidMapCode)]
    [InlineData("""{"0": ["variables.file"]""", MultipartRequestReader.InvalidMapCode)]
    [InlineData("""not json""", MultipartRequestReader.InvalidMapCode)]
    public async Task A_bad_map_is_refused_with_its_code_and_nothing_runs(string map, string code)
    {
        var (response, body) = await SendAsync(Parts(Operations(EchoFile, new { file = (object?)null }), map, File("0", RandomBytes(10), "a.bin")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, Code(body));
        Assert.Empty(Log.Files);
    }

    [Theory]
    [InlineData("""{"query": "mutation""", "JSON_INVALID")]
    [InlineData("""not json""", "JSON_INVALID")]
    [InlineData("", "REQUEST_BODY_MISSING")]
    [InlineData("""{"variables": {"file": null}}""", "QUERY_MISSING")]
    [InlineData("""[{"query": "mutation ($file: Upload!) { echoFile(file: $file) { sha256 } }", "variables": {"file": null}}]""", MultipartRequestReader.BatchingNotSupportedCode)]
    public async Task Bad_operations_are_refused_as_a_json_body_would_be(string operations, string code)
    {
        var (response, body) = await SendAsync(Parts(operations, """{"0": ["variables.file"]}""", File("0", RandomBytes(10), "a.bin")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, Code(body));
        Assert.Empty(Log.Files);
    }

    [Fact]
    public async Task Operations_larger_than_the_json_body_limit_are_refused()
    {
        await using var server = await StartAsync(new Dictionary<string, string?> { ["MaxRequestBytes"] = "1000" });
        var operations = Operations(EchoFile, new { file = (object?)null, padding = new string('x', 2000) });
        var (response, body) = await SendAsync(server, Parts(operations, """{"0": ["variables.file"]}""", File("0", RandomBytes(10), "a.bin")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("REQUEST_TOO_LARGE", Code(body));
    }

    [Fact]
    public async Task A_file_in_a_variable_the_operation_does_not_declare_is_refused()
    {
        var (response, body) = await SendAsync(Parts(
            Operations("mutation { increment }", new { file = (object?)null }),
            """{"0": ["variables.file"]}""",
            File("0", RandomBytes(10), "a.bin")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(UploadVariablesRule.Code, Code(body));
    }

    [Fact]
    public async Task A_cross_site_form_post_without_a_preflight_header_is_refused_before_its_body_is_read()
    {
        using var body = new EndlessContent();
        var (response, result) = await SendAsync(body, preflight: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(MultipartRequestReader.PreflightRequiredCode, Code(result));
        Assert.Contains("GraphQL-Preflight", Message(result), StringComparison.Ordinal);
        Assert.Empty(Log.Files);
    }

    [Theory]
    [InlineData("Apollo-Require-Preflight")]
    [InlineData("X-Apollo-Operation-Name")]
    public async Task Apollo_clients_preflight_headers_are_accepted_too(string header)
    {
        using var request = Request(Parts(Operations(EchoFile, new { file = (object?)null }), """{"0": ["variables.file"]}""", File("0", RandomBytes(10), "a.bin")), preflight: false);
        request.Headers.Add(header, "1");
        var (response, body) = await SendAsync(request);

        AssertOk(response, body);
    }

    [Fact]
    public async Task A_caller_the_upload_policy_refuses_is_refused_before_the_body_is_read()
    {
        using var body = new EndlessContent();
        using var request = Request(body);
        request.Headers.Remove(TestGraphQLServer.TestUserHeader);
        request.Headers.Add(TestGraphQLServer.TestUserHeader, "customer");
        var (response, result) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", Code(result));
        Assert.Empty(Log.Files);
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused_before_the_body_is_read_when_uploads_need_a_policy()
    {
        using var body = new EndlessContent();
        using var request = Request(body);
        request.Headers.Remove(TestGraphQLServer.TestUserHeader);
        var (response, result) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", Code(result));
    }

    [Fact]
    public async Task A_server_that_does_not_accept_uploads_refuses_multipart_as_an_unsupported_content_type()
    {
        await using var server = await TestGraphQLServer.StartAsync();
        using var body = new EndlessContent();
        var (response, result) = await SendAsync(server, body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("CONTENT_TYPE_UNSUPPORTED", Code(result));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_file_over_the_file_limit_is_refused_while_it_streams(bool contentLength)
    {
        await using var server = await StartAsync(new Dictionary<string, string?> { ["MaxUploadFileBytes"] = "100000" });
        var (response, body) = await SendAsync(server, WithLength(Parts(Operations(EchoFile, new { file = (object?)null }), """{"0": ["variables.file"]}""", File("0", RandomBytes(100_001), "a.bin")), contentLength));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(MultipartRequestReader.FileTooLargeCode, Code(body));
        Assert.Empty(server.Services.GetRequiredService<UploadLog>().Files);
    }

    [Fact]
    public async Task A_file_at_the_file_limit_is_accepted()
    {
        await using var server = await StartAsync(new Dictionary<string, string?> { ["MaxUploadFileBytes"] = "100000" });
        var (response, body) = await SendAsync(server, Parts(Operations(EchoFile, new { file = (object?)null }), """{"0": ["variables.file"]}""", File("0", RandomBytes(100_000), "a.bin")));

        AssertOk(response, body);
    }

    [Fact]
    public async Task A_request_over_the_upload_limit_without_a_content_length_is_refused_while_it_streams()
    {
        await using var server = await StartAsync(new Dictionary<string, string?> { ["MaxUploadRequestBytes"] = "200000" });
        var content = Parts(Operations(EchoFiles, new { files = new object?[] { null, null, null } }), """{"0": ["variables.files.0"], "1": ["variables.files.1"], "2": ["variables.files.2"]}""",
            File("0", RandomBytes(90_000), "a.bin"), File("1", RandomBytes(90_000), "b.bin"), File("2", RandomBytes(90_000), "c.bin"));
        var (response, body) = await SendAsync(server, WithLength(content, contentLength: false));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(MultipartRequestReader.TooLargeCode, Code(body));
        Assert.Empty(server.Services.GetRequiredService<UploadLog>().Files);
    }

    [Fact]
    public async Task A_request_whose_content_length_is_over_the_upload_limit_is_refused_before_its_body_is_read()
    {
        await using var server = await StartAsync(new Dictionary<string, string?> { ["MaxUploadRequestBytes"] = "200000" });
        using var body = new EndlessContent(length: 200_001);
        var (response, result) = await SendAsync(server, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(MultipartRequestReader.TooLargeCode, Code(result));
    }

    [Fact]
    public async Task More_files_than_the_limit_are_refused_before_they_are_read()
    {
        await using var server = await StartAsync(new Dictionary<string, string?> { ["MaxUploadFiles"] = "2" });
        var (response, body) = await SendAsync(server, Parts(
            Operations(EchoFiles, new { files = new object?[] { null, null, null } }),
            """{"0": ["variables.files.0"], "1": ["variables.files.1"], "2": ["variables.files.2"]}""",
            File("0", RandomBytes(1), "a.bin"), File("1", RandomBytes(1), "b.bin"), File("2", RandomBytes(1), "c.bin")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(MultipartRequestReader.TooManyFilesCode, Code(body));
    }

    private static Task<TestGraphQLServer> StartAsync(IDictionary<string, string?>? settings = null) =>
        TestGraphQLServer.StartAsync(settings, server =>
        {
            server.AcceptUploads("Uploaders");
            server.Services.AddAuthorizationBuilder().AddPolicy("Uploaders", policy => policy.RequireRole(Uploader));
        });

    private Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpContent content, bool preflight = true) => SendAsync(_server, content, preflight);

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(TestGraphQLServer server, HttpContent content, bool preflight = true)
    {
        using var request = Request(content, preflight);
        return await SendAsync(server, request);
    }

    private Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpRequestMessage request) => SendAsync(_server, request);

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(TestGraphQLServer server, HttpRequestMessage request)
    {
        // A refusal comes before the body is read, so a body that never ends must not hold the answer up.
        var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(30));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response, body);
    }

    /// <summary>A POST as an upload client sends it: the spec's response type, the preflight header, an uploader.</summary>
    private static HttpRequestMessage Request(HttpContent content, bool preflight = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Accept.ParseAdd(GraphQLMediaTypes.GraphQLResponse);
        request.Headers.Add(TestGraphQLServer.TestUserHeader, Uploader);
        if (preflight)
        {
            request.Headers.Add("GraphQL-Preflight", "1");
        }

        return request;
    }

    private static string Operations(string query, object variables) => JsonSerializer.Serialize(new { query, variables });

    private static MultipartFormDataContent Parts(string operations, string map, params (string Name, ByteArrayContent Content, string FileName)[] files)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(operations, Encoding.UTF8), "operations" },
            { new StringContent(map, Encoding.UTF8), "map" },
        };
        foreach (var (name, file, fileName) in files)
        {
            content.Add(file, name, fileName);
        }

        return content;
    }

    private static (string Name, ByteArrayContent Content, string FileName) File(string name, byte[] bytes, string fileName, string? contentType = null)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return (name, content, fileName);
    }

    /// <summary>The same multipart body, with a Content-Length or (false) sent chunked, of a length the server learns only by reading.</summary>
    private static HttpContent WithLength(MultipartFormDataContent content, bool contentLength) => contentLength ? content : new UnknownLengthContent(content);

    private static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void AssertOk(HttpResponseMessage response, JsonElement body) =>
        Assert.True(response.StatusCode == HttpStatusCode.OK && !body.TryGetProperty("errors", out _), $"{(int)response.StatusCode}: {body}");

    private static string Code(JsonElement body) => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;

    private static string Message(JsonElement body) => body.GetProperty("errors")[0].GetProperty("message").GetString()!;

    private sealed class UnknownLengthContent(MultipartFormDataContent inner) : HttpContent
    {
        protected override void Dispose(bool disposing)
        {
            inner.Dispose();
            base.Dispose(disposing);
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) => inner.CopyTo(stream, context, cancellationToken);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            Headers.ContentType = inner.Headers.ContentType;
            return false;
        }
    }

    /// <summary>
    /// A multipart body that sends its first boundary and then never ends (until the test is over): a server that read
    /// it would never answer, so an answer proves the refusal came before the body was read.
    /// </summary>
    private sealed class EndlessContent : HttpContent
    {
        private readonly TaskCompletionSource _end = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly long? _length;

        public EndlessContent(long? length = null)
        {
            _length = length;
            Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=\"endless\"");
        }

        protected override void Dispose(bool disposing)
        {
            _end.TrySetResult();
            base.Dispose(disposing);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("--endless\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n"u8.ToArray());
            await stream.FlushAsync();
            await _end.Task;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length ?? 0;
            return _length is not null;
        }
    }
}
