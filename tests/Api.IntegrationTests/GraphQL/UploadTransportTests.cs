using System.Net.Http.Headers;
using System.Text;
using Diecast.GraphQL.Server.Authorization;
using Diecast.GraphQL.Server.Http;

namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>
/// Multipart uploads through the API's real HTTP pipeline (Kestrel on a loopback port): only admins may send one, and
/// others are refused before the body is read; a bare cross-site form post is refused; the upload limit, not Kestrel's
/// own 30,000,000-byte default, decides how large a request may be, with or without a Content-Length. The upload
/// mutations themselves are the gallery's; here the file goes into a variable the operation does not declare, which
/// the transport reads in full and then refuses (UPLOAD_VARIABLE_NOT_DECLARED), so nothing runs.
/// </summary>
public sealed class UploadTransportTests(KestrelApiFactory api, UploadTransportTests.SmallLimitsApiFactory small)
    : IClassFixture<KestrelApiFactory>, IClassFixture<UploadTransportTests.SmallLimitsApiFactory>
{
    [Fact]
    public async Task An_admin_s_upload_is_read_in_full()
    {
        using var client = api.CreateAdminClient();

        var (response, body) = await SendAsync(client, Upload(RandomBytes(100_000)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(UploadVariablesRule.Code, body.FirstErrorCode());
    }

    [Fact]
    public async Task An_upload_between_kestrels_default_limit_and_the_upload_limit_is_read()
    {
        using var client = api.CreateAdminClient();
        // Two files of 15.5 MB: 31,000,000 bytes and more, over Kestrel's 30,000,000 and under the 30 MiB upload limit.
        var content = Upload(RandomBytes(15_500_000), RandomBytes(15_500_000));

        var (response, body) = await SendAsync(client, content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body.ToString());
        Assert.Equal(UploadVariablesRule.Code, body.FirstErrorCode());
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_before_the_body_is_read()
    {
        using var client = ExpectContinueClient(api, token: null);
        using var content = new EndlessMultipart();

        var (response, body) = await SendAsync(client, content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(FieldAuthorization.NotAuthenticated, body.FirstErrorCode());
    }

    [Fact]
    public async Task Signed_in_callers_who_are_not_admins_are_refused_before_the_body_is_read()
    {
        using var client = ExpectContinueClient(api, Token(api, "a-customer"));
        using var content = new EndlessMultipart();

        var (response, body) = await SendAsync(client, content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(FieldAuthorization.NotAuthorized, body.FirstErrorCode());
    }

    [Fact]
    public async Task A_form_post_without_a_preflight_header_is_refused_before_its_body_is_read_even_from_an_admin()
    {
        // What a browser sends for <form enctype="multipart/form-data" method="post" action=".../graphql">: no custom header.
        using var client = ExpectContinueClient(api, Token(api, "test-admin", Diecast.Api.Security.DiecastRoles.Admin));
        using var content = new EndlessMultipart();

        var (response, body) = await SendAsync(client, content, preflight: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(MultipartRequestReader.PreflightRequiredCode, body.FirstErrorCode());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_request_over_the_upload_limit_is_refused_with_413(bool contentLength)
    {
        using var client = small.CreateAdminClient();
        var upload = Upload(RandomBytes(150_000), RandomBytes(150_000));
        HttpContent content = contentLength ? upload : new ChunkedContent(upload);

        var (response, body) = await SendAsync(client, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(MultipartRequestReader.TooLargeCode, body.FirstErrorCode());
    }

    [Fact]
    public async Task A_file_over_the_file_limit_is_refused_with_413()
    {
        using var client = small.CreateAdminClient();

        var (response, body) = await SendAsync(client, new ChunkedContent(Upload(RandomBytes(120_000))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(MultipartRequestReader.FileTooLargeCode, body.FirstErrorCode());
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpClient client, HttpContent content, bool preflight = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLHttp.ResponseMediaType));
        if (preflight)
        {
            request.Headers.Add("GraphQL-Preflight", "1");
        }

        // A refusal before the body is read must not wait for a body that never ends.
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(60));
        return (response, await GraphQLHttp.ReadJsonAsync(response));
    }

    /// <summary>
    /// A client that sends 'Expect: 100-continue' and waits for the server's go-ahead (as curl does for large bodies):
    /// Kestrel gives it only when the application starts reading the body, so an answer without it proves the refusal
    /// came before the body was read. (Without it, HTTP/1.1 clients send the whole body before reading the answer.)
    /// </summary>
    private static HttpClient ExpectContinueClient(KestrelApiFactory factory, string? token)
    {
        var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(5) }) { BaseAddress = factory.BaseAddress };
        client.DefaultRequestHeaders.ExpectContinue = true;
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static string Token(KestrelApiFactory factory, string name, params string[] roles) =>
        factory.Services.GetRequiredService<Diecast.Api.Security.AccessTokenIssuer>().Issue(name, TimeSpan.FromMinutes(10), roles);

    private static MultipartFormDataContent Upload(params byte[][] files)
    {
        var content = new MultipartFormDataContent
        {
            // Each file in a variable of its own (file0, file1, …) that the operation does not declare.
            { new StringContent("{\"query\": \"mutation { __typename }\", \"variables\": {" + string.Join(", ", files.Select((_, i) => $"\"file{i}\": null")) + "}}", Encoding.UTF8), "operations" },
            { new StringContent("{" + string.Join(", ", files.Select((_, i) => $"\"{i}\": [\"variables.file{i}\"]")) + "}", Encoding.UTF8), "map" },
        };
        for (var i = 0; i < files.Length; i++)
        {
            content.Add(new ByteArrayContent(files[i]), i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"file{i}.bin");
        }

        return content;
    }

    private static byte[] RandomBytes(int length) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);

    /// <summary>The API with small upload limits: 200,000 bytes a request, 100,000 a file.</summary>
    public sealed class SmallLimitsApiFactory : KestrelApiFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("GraphQL:MaxUploadRequestBytes", "200000");
            builder.UseSetting("GraphQL:MaxUploadFileBytes", "100000");
        }
    }

    /// <summary>The same body sent chunked: the server learns its length only by reading it.</summary>
    private sealed class ChunkedContent(HttpContent inner) : HttpContent
    {
        protected override void Dispose(bool disposing)
        {
            inner.Dispose();
            base.Dispose(disposing);
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            Headers.ContentType = inner.Headers.ContentType;
            length = 0;
            return false;
        }
    }

    /// <summary>A multipart body that starts and never ends: an answer proves the server did not wait to read it.</summary>
    private sealed class EndlessMultipart : HttpContent
    {
        private readonly TaskCompletionSource _end = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public EndlessMultipart() => Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=endless");

        protected override void Dispose(bool disposing)
        {
            _end.TrySetResult();
            base.Dispose(disposing);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync("--endless\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n"u8.ToArray());
            await stream.FlushAsync();
            await _end.Task;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
