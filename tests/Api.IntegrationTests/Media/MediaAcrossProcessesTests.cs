using System.Net.Http.Headers;
using System.Security.Cryptography;
using Diecast.Api.IntegrationTests.Media.Gallery;
using Diecast.Api.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Diecast.Api.IntegrationTests.Media;

/// <summary>
/// Issue 13's rule "two API instances serving the same image", with two real API processes (<see cref="ApiProcess"/>,
/// Production settings, default media settings, memory cache on) on one database: a picture an admin uploads through
/// one process is served by both as one stored variant with one strong ETag, each process honours the other's ETag,
/// and a picture removed through the other process keeps serving from both at its old URL (the orphan grace).
/// That a race runs exactly one encode is counted in-process by <see cref="MediaImageEndpointTests"/>; here a process
/// cannot be asked, so what is checked is what a client and the database see.
/// </summary>
public sealed class MediaAcrossProcessesTests(MediaAcrossProcessesTests.TwoApiProcesses api) : IClassFixture<MediaAcrossProcessesTests.TwoApiProcesses>
{
    private const string Webp = "image/webp";
    private const string Upload = "mutation($input: UploadProductImageInput!) { uploadProductImage(input: $input) { image { id url variant: url(width: 640) } errors { __typename } } }";
    private const string Remove = "mutation($input: RemoveProductImageInput!) { removeProductImage(input: $input) { product { gallery { id } } errors { __typename } } }";

    [Fact]
    public async Task A_picture_uploaded_through_one_process_is_served_by_both_as_one_variant_with_one_strong_etag()
    {
        var image = await UploadThroughAAsync(MediaTestFiles.Jpeg(1000, 700, shade: 131));
        var url = image.GetProperty("variant").GetString()!;
        var fileId = FileId(url);
        var variantRows = $"FROM media_variants WHERE media_file_id = '{fileId}' AND width = 640 AND quality = 75 AND format = 'webp'";
        // Both processes take one request through the image endpoint first (another width), so the race below is
        // between two warm processes rather than two JIT compilers.
        await Task.WhenAll(AssertOkAsync(api.A.Client, url.Replace("w=640", "w=32", StringComparison.Ordinal)), AssertOkAsync(api.B.Client, url.Replace("w=640", "w=32", StringComparison.Ordinal)));
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) " + variantRows));

        // Twelve first requests for the same new variant, six to each process, released at once.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 12).Select(async i =>
        {
            await start.Task;
            var process = i % 2 == 0 ? api.A : api.B;
            using var response = await process.Client.SendAsync(MediaApi.Get(url, Webp));
            return (Process: process, response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.ETag, Bytes: await response.Content.ReadAsByteArrayAsync());
        }).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(requests);

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, Webp), (a.StatusCode, a.MediaType)));
        var etag = Assert.Single(answers.Select(a => a.ETag).Distinct());
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Single(answers.Select(a => Convert.ToHexString(SHA256.HashData(a.Bytes))).Distinct());
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) " + variantRows));
        // What both served is what was stored, and it is the variant asked for.
        var stored = await TestSql.ScalarAsync<byte[]>(api.ConnectionString, $"SELECT data FROM media_blobs WHERE key = (SELECT storage_key {variantRows})");
        Assert.Equal(stored, answers[0].Bytes);
        using (var served = NetVips.Image.NewFromBuffer(answers[0].Bytes))
        {
            Assert.Equal((640, 448), (served.Width, served.Height));
            Assert.StartsWith("webpload", (string)served.Get("vips-loader"), StringComparison.Ordinal);
        }

        // Each process answers 304 to the ETag the other one sent.
        foreach (var (sentBy, askedOf) in new[] { (api.A, api.B), (api.B, api.A) })
        {
            var sent = answers.First(a => a.Process == sentBy).ETag!;
            using var conditional = await askedOf.Client.SendAsync(MediaApi.Get(url, Webp, ifNoneMatch: sent.ToString()));
            Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
            Assert.Equal(etag, conditional.Headers.ETag);
            Assert.Empty(await conditional.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_picture_removed_through_the_other_process_keeps_serving_from_both_at_its_old_url()
    {
        var image = await UploadThroughAAsync(MediaTestFiles.Jpeg(900, 600, shade: 137));
        var oldUrl = image.GetProperty("url").GetString()!;
        var fileId = FileId(oldUrl);
        var before = await GetAsync(api.A.Client, oldUrl, Webp);

        var product = await MutationPayloads.SucceedAsync(api.AdminB, Remove, "removeProductImage", "product", new { imageId = image.GetProperty("id").GetString() });

        Assert.Empty(product.GetProperty("gallery").EnumerateArray());
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM product_images WHERE media_file_id = '{fileId}'"));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM media_files WHERE id = '{fileId}' AND orphaned_at IS NOT NULL"));
        // B never served this URL, so it finds the orphaned file in the database; A may answer from its memory, so A is
        // also asked for a format nobody asked for before the removal: encoded from the orphaned original after it.
        var fromB = await GetAsync(api.B.Client, oldUrl, Webp);
        var fromA = await GetAsync(api.A.Client, oldUrl, Webp);
        var newFormatFromA = await GetAsync(api.A.Client, oldUrl, "image/jpeg");
        Assert.Equal(before, fromB);
        Assert.Equal(before, fromA);
        Assert.Equal("image/jpeg", newFormatFromA.MediaType);
        Assert.NotEqual(before.ETag, newFormatFromA.ETag);
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM media_variants WHERE media_file_id = '{fileId}' AND format = 'jpeg'"));
    }

    /// <summary>Creates a product and uploads <paramref name="jpeg"/> to it, both through process A; the new image's id and URLs.</summary>
    private async Task<JsonElement> UploadThroughAAsync(byte[] jpeg)
    {
        var product = await MutationPayloads.SucceedAsync(api.AdminA, "mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } errors { __typename } } }",
            "createProduct", "product", MutationInputs.NewProduct());
        var productId = product.GetProperty("id").GetString()!;
        var payload = await api.AdminA.UploadPayloadAsync(Upload, "uploadProductImage", new() { ["productId"] = productId, ["alt"] = "A car, side view" }, jpeg, "car.jpg");
        Assert.True(payload.GetProperty("errors").ValueKind == JsonValueKind.Null, payload.ToString());
        return payload.GetProperty("image");
    }

    /// <summary>The media file id in an image URL (<c>/media/images/{id}/{address}?w=…</c>).</summary>
    private static Guid FileId(string url) => Guid.Parse(url.Split('/')[3]);

    private static async Task<(string? MediaType, EntityTagHeaderValue? ETag, string Sha256)> GetAsync(HttpClient client, string url, string accept)
    {
        using var response = await client.SendAsync(MediaApi.Get(url, accept));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(bytes);
        return (response.Content.Headers.ContentType?.MediaType, response.Headers.ETag, Convert.ToHexString(SHA256.HashData(bytes)));
    }

    private static async Task AssertOkAsync(HttpClient client, string url)
    {
        using var response = await client.SendAsync(MediaApi.Get(url, Webp));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// Two API processes on one fresh database, started once for the class, with admin clients whose token is signed
    /// with the key both were given (as <c>admin token</c> would sign it). Jobs that have nothing to do with media are off.
    /// </summary>
    public sealed class TwoApiProcesses : IAsyncLifetime
    {
        private static readonly Dictionary<string, string> Settings = new()
        {
            ["Payments__WebhookWorkerEnabled"] = "false",
            ["Payments__ReconciliationEnabled"] = "false",
            ["Checkout__ExpiryEnabled"] = "false",
        };

        public string ConnectionString { get; private set; } = "";

        public ApiProcess A { get; private set; } = null!;

        public ApiProcess B { get; private set; } = null!;

        public HttpClient AdminA { get; private set; } = null!;

        public HttpClient AdminB { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            ConnectionString = await TestCluster.CreateDatabaseAsync();
            // The test cluster serves every test class at once: a small pool per process is plenty for a dozen requests.
            var pooled = ConnectionString + ";Maximum Pool Size=10";
            Task<ApiProcess>[] starting = [ApiProcess.StartAsync(Settings, pooled), ApiProcess.StartAsync(Settings, pooled)];
            try
            {
                await Task.WhenAll(starting);
            }
            catch
            {
                foreach (var started in starting.Where(s => s.IsCompletedSuccessfully))
                {
                    await started.Result.DisposeAsync();
                }

                throw;
            }

            (A, B) = (starting[0].Result, starting[1].Result);
            var token = AdminToken();
            AdminA = AdminClient(A, token);
            AdminB = AdminClient(B, token);
        }

        public async Task DisposeAsync()
        {
            AdminA?.Dispose();
            AdminB?.Dispose();
            if (A is not null)
            {
                await A.DisposeAsync();
            }

            if (B is not null)
            {
                await B.DisposeAsync();
            }
        }

        private static string AdminToken()
        {
            var jwt = new JwtOptions { SigningKey = ApiFactory.TestSigningKey };
            var key = SigningKey.Resolve(jwt, new HostingEnvironment { EnvironmentName = Environments.Production });
            return new AccessTokenIssuer(Options.Create(jwt), key, TimeProvider.System).Issue("media-admin", TimeSpan.FromMinutes(30), DiecastRoles.Admin);
        }

        private static HttpClient AdminClient(ApiProcess process, string token)
        {
            var client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
    }
}
