using System.IO.Compression;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace Diecast.Storefront.Tests.Caching;

/// <summary>
/// Pages compressed by Accept-Encoding (Brotli, gzip or none), with Vary: Accept-Encoding, and stored compressed in the
/// output cache: a hit compresses nothing. The compressors are counted (they wrap the real ones).
/// </summary>
public sealed class CompressionTests(WebApplicationFactory<DiecastApiOptions> storefront) : IClassFixture<WebApplicationFactory<DiecastApiOptions>>
{
    [Theory]
    [InlineData("br", "br")]
    [InlineData("BR", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br, zstd", "br")] // Chromium's
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("*", "br")]
    [InlineData("deflate", null)]
    [InlineData("identity", null)]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData(null, null)]
    public async Task A_page_comes_in_the_encoding_the_client_prefers_of_those_we_have(string? acceptEncoding, string? expected)
    {
        var (site, _) = Counted(out var api);
        await using var _site = site;
        using var client = site.CreateClient();

        foreach (var path in new[] { "/", "/about", "/robots.txt", "/no/such/page" })
        {
            var plain = await client.GetByteArrayOrErrorAsync(path, null);
            var response = await Send(client, path, acceptEncoding);
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
            // Whichever copy this is, caches in front must keep the others apart.
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.Equal(plain, Decode(body, expected));
            if (expected is not null && plain.Length > 2000)
            {
                Assert.True(body.Length < plain.Length / 2, $"{path} in {expected}: {body.Length} of {plain.Length} bytes");
            }
        }
    }

    [Fact]
    public async Task A_cached_page_is_stored_compressed_once_per_encoding_and_a_hit_compresses_nothing()
    {
        var (site, compressed) = Counted(out var api);
        await using var _site = site;
        using var client = site.CreateClient();

        var first = await Send(client, "/", "gzip, deflate, br, zstd");
        for (var i = 0; i < 3; i++)
        {
            var hit = await Send(client, "/", "br");
            Assert.Equal(["br"], hit.Content.Headers.ContentEncoding);
            Assert.NotNull(hit.Headers.Age); // served by the output cache
            Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await hit.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(1, compressed["br"]);
        Assert.Single(api.Operations);

        // Another encoding is another entry (rendered once, then kept too); a client without one gets the plain page.
        var gzip = await Send(client, "/", "gzip");
        var gzipAgain = await Send(client, "/", "gzip");
        var plain = await Send(client, "/", null);
        var plainAgain = await Send(client, "/", null);

        Assert.Equal(["gzip"], gzipAgain.Content.Headers.ContentEncoding);
        Assert.Empty(plainAgain.Content.Headers.ContentEncoding);
        Assert.NotNull(plainAgain.Headers.Age);
        Assert.Equal(1, compressed["gzip"]);
        Assert.Equal(1, compressed["br"]);
        Assert.Equal(3, api.Operations.Count);
        Assert.Equal(Decode(await gzip.Content.ReadAsByteArrayAsync(), "gzip"), await plain.Content.ReadAsByteArrayAsync());
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return await client.SendAsync(request);
    }

    private static byte[] Decode(byte[] body, string? encoding)
    {
        if (encoding is null)
        {
            return body;
        }

        using Stream decoder = encoding == "br"
            ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        decoder.CopyTo(decoded);
        return decoded.ToArray();
    }

    /// <summary>A fresh storefront (empty output cache) on an empty stand-in shop, its compressors counted by encoding.</summary>
    private (WebApplicationFactory<DiecastApiOptions> Site, System.Collections.Concurrent.ConcurrentDictionary<string, int> Compressed) Counted(out StandInApi api)
    {
        var shopApi = StandInApi.Empty();
        api = shopApi;
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal) { ["br"] = 0, ["gzip"] = 0 };
        var site = storefront.WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseStandInApi(shopApi)
            .ConfigureTestServices(services => services.PostConfigure<ResponseCompressionOptions>(options =>
            {
                options.Providers.Clear();
                options.Providers.Add(new CountingProvider(new BrotliCompressionProvider(Options.Create(new BrotliCompressionProviderOptions())), counts));
                options.Providers.Add(new CountingProvider(new GzipCompressionProvider(Options.Create(new GzipCompressionProviderOptions())), counts));
            })));
        return (site, counts);
    }

    private sealed class CountingProvider(ICompressionProvider inner, System.Collections.Concurrent.ConcurrentDictionary<string, int> counts) : ICompressionProvider
    {
        public string EncodingName => inner.EncodingName;

        public bool SupportsFlush => inner.SupportsFlush;

        public Stream CreateStream(Stream outputStream)
        {
            counts.AddOrUpdate(inner.EncodingName, 1, (_, n) => n + 1);
            return inner.CreateStream(outputStream);
        }
    }
}

internal static class PlainRequests
{
    /// <summary>The body of <paramref name="path"/> asked without Accept-Encoding (an error status is fine: the 404 page).</summary>
    public static async Task<byte[]> GetByteArrayOrErrorAsync(this HttpClient client, string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
