using System.Net;
using System.Text.RegularExpressions;
using Diecast.Storefront.Caching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Diecast.Storefront.Tests.Caching;

/// <summary>
/// Output caching and Cache-Control on the storefront with a stand-in API (so the number of API calls is known):
/// what is cached, under which key, for how long here and at a CDN, and what never is.
/// </summary>
public sealed partial class CachingTests(WebApplicationFactory<DiecastApiOptions> storefront) : IClassFixture<WebApplicationFactory<DiecastApiOptions>>
{
    private const string PageCacheControl = "public, max-age=0, s-maxage=30, stale-while-revalidate=60, stale-if-error=86400";

    [Fact]
    public async Task A_page_is_served_from_the_output_cache_and_says_how_a_CDN_may_keep_it()
    {
        var api = StandInApi.Empty();
        using var client = With(api).CreateClient();

        var first = await client.GetAsync("/");
        var second = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(["HomePage"], api.Operations);
        Assert.Equal(PageCacheControl, first.Headers.CacheControl!.ToString());
        Assert.Equal(PageCacheControl, second.Headers.CacheControl!.ToString());
        Assert.NotNull(second.Headers.Age); // the output cache's mark on a hit
    }

    [Fact]
    public async Task Query_parameters_a_page_does_not_read_share_its_entry_so_junk_cannot_fill_the_cache()
    {
        var api = StandInApi.Empty();
        using var client = With(api).CreateClient();

        foreach (var path in new[] { "/", "/?utm_source=x", "/?junk=1&junk=2", "/?" + new string('a', 3000) + "=1" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        Assert.Single(api.Operations);
    }

    [Theory]
    [InlineData("brand=AutoArt&sort=price-asc", "sort=price-asc&brand=AutoArt")]
    [InlineData("brand=AutoArt&brand=Minichamps", "brand=Minichamps&brand=AutoArt")]
    [InlineData("BRAND=AutoArt", "brand=AutoArt&utm_source=mail&junk=1")]
    [InlineData("q=zonda", "q=%20zonda%20&q=")]
    public void Catalog_queries_that_mean_the_same_share_a_cache_key(string one, string other) =>
        Assert.Equal(Key(one), Key(other));

    [Theory]
    [InlineData("brand=AutoArt", "brand=autoart")]
    [InlineData("q=Zonda", "q=zonda")]
    [InlineData("sort=price-asc", "sort=price-desc")]
    [InlineData("after=abc", "before=abc")]
    public void Catalog_queries_that_differ_get_different_keys(string one, string other) =>
        Assert.NotEqual(Key(one), Key(other));

    [Fact]
    public void A_query_too_long_to_key_is_not_cached() =>
        Assert.Null(Key("q=" + new string('x', CacheKeyQuery.MaxLength + 1)));

    [Fact]
    public async Task A_page_made_while_the_API_failed_is_neither_cached_here_nor_anywhere()
    {
        var api = new StandInApi(HttpStatusCode.BadGateway, "text/html", "<html>Bad gateway</html>");
        using var client = With(api).CreateClient();

        var first = await client.GetAsync("/");
        await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode); // the home page degrades: no shelves
        Assert.Equal("no-store", first.Headers.CacheControl!.ToString());
        Assert.Equal(2, api.Operations.Count);
    }

    [Fact]
    public async Task A_partial_result_with_errors_is_not_cached()
    {
        var api = StandInApi.Answering("""
            {"errors":[{"message":"Something failed","path":["journalEntries"]}],
             "data":{"__typename":"Query","featuredProducts":[],
              "newArrivals":{"__typename":"ProductsConnection","nodes":[]},
              "preOrders":{"__typename":"ProductsConnection","nodes":[]},
              "journalEntries":null}}
            """);
        using var client = With(api).CreateClient();

        var first = await client.GetAsync("/");
        await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-store", first.Headers.CacheControl!.ToString());
        Assert.Equal(2, api.Operations.Count);
    }

    [Fact]
    public async Task A_hanging_API_costs_a_page_the_timeout_not_the_page()
    {
        var api = StandInApi.Unresponsive();
        using var client = With(api, b => b.UseSetting("DiecastApi:Timeout", "00:00:00.300")).CreateClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Contains("Shop by genre", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_pages_stop_asking_the_API()
    {
        var api = StandInApi.Unresponsive();
        using var client = With(api, b => b.UseSetting("DiecastApi:Timeout", "00:00:00.100")).CreateClient();

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        // Five timed out (the breaker's minimum throughput at a failure ratio of 1); the rest failed at once, unsent.
        Assert.Equal(5, api.Operations.Count);
    }

    [Fact]
    public async Task An_eviction_by_one_of_its_tags_empties_a_pages_entry()
    {
        var api = StandInApi.Empty();
        var site = With(api);
        using var client = site.CreateClient();
        await client.GetAsync("/");

        await site.Services.GetRequiredService<CacheEvictions>().EvictAsync(CacheTags.Journal, CancellationToken.None);
        await client.GetAsync("/");
        await site.Services.GetRequiredService<CacheEvictions>().EvictAsync(CacheTags.Product("some-car"), CancellationToken.None);
        await client.GetAsync("/");

        // The home page shows the journal's teaser, so "journal" evicts it; a product page's own tag does not.
        Assert.Equal(2, api.Operations.Count);
    }

    [Fact]
    public async Task With_output_caching_off_every_request_asks_the_API()
    {
        var api = StandInApi.Empty();
        using var client = With(api, b => b.UseSetting("StorefrontCache:Enabled", "false")).CreateClient();

        await client.GetAsync("/");
        var second = await client.GetAsync("/");

        Assert.Equal(2, api.Operations.Count);
        Assert.Equal(PageCacheControl, second.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("/cars/autoart-pagani-zonda-r-1-18")]
    [InlineData("/sitemap.xml")]
    public async Task A_page_that_cannot_stand_without_the_API_is_a_503_to_try_again_while_it_fails(string path)
    {
        var api = new StandInApi(HttpStatusCode.BadGateway, "text/html", "<html>Bad gateway</html>");
        using var client = With(api).CreateClient();

        var response = await client.GetAsync(path);
        await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter!.Delta);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal(2, api.Requests.Count); // not cached: the second request asked again
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "/cars/autoart-pagani-zonda-r-1-18")]
    [InlineData(HttpStatusCode.OK, "/cars/autoart-pagani-zonda-r-1-18")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "/journal/new-arrivals-november-2026")]
    public async Task A_page_whose_API_answered_null_with_errors_is_a_503_not_a_404(HttpStatusCode status, string path)
    {
        // The API is up but its database is not: it answers the field as null beside an error, which is not "no such
        // product" (a 404 would tell search engines the product is gone).
        var api = StandInApi.Answering(
            """{"errors":[{"message":"The database is unavailable.","extensions":{"code":"DATABASE_UNAVAILABLE"}}],"data":{"productBySlug":null,"journalEntryBySlug":null}}""",
            status);
        using var client = With(api).CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Content_pages_are_cached_long_and_need_no_API()
    {
        var api = new StandInApi(HttpStatusCode.BadGateway, "text/html", "<html>Bad gateway</html>");
        using var client = With(api).CreateClient();

        var response = await client.GetAsync("/shipping-and-returns");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=3600, s-maxage=86400, stale-while-revalidate=86400, stale-if-error=86400", response.Headers.CacheControl!.ToString());
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_404_is_cacheable_briefly()
    {
        using var client = With(StandInApi.Empty()).CreateClient();

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("public, max-age=60, s-maxage=60", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Static_assets_are_fingerprinted_compressed_and_immutable()
    {
        // Pages carry the stylesheet inline by default; linked, the page names its fingerprinted address.
        using var client = With(StandInApi.Empty(), b => b.UseSetting("Storefront:InlineStylesheet", "false")).CreateClient();
        var html = await client.GetStringAsync("/");
        var href = StylesheetHref().Match(html).Groups["href"].Value;
        Assert.Matches(@"^/css/site\.[a-z0-9]{8,}\.css$", href);

        using var identity = new HttpRequestMessage(HttpMethod.Get, href);
        identity.Headers.AcceptEncoding.ParseAdd("identity");
        var css = await (await client.SendAsync(identity)).Content.ReadAsByteArrayAsync();
        Assert.StartsWith("/*! tailwindcss", System.Text.Encoding.UTF8.GetString(css), StringComparison.Ordinal);

        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, href);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
            Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
            // The body is what the label says: decoded, it is the stylesheet, and smaller than it (a browser fails the
            // whole stylesheet with ERR_CONTENT_DECODING_FAILED otherwise, as MapStaticAssets' runtime patching once made it).
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(body.Length < css.Length / 2, $"{encoding}: {body.Length} bytes for a {css.Length}-byte stylesheet");
            await using Stream decoder = encoding == "br"
                ? new System.IO.Compression.BrotliStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress)
                : new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress);
            using var decoded = new MemoryStream();
            await decoder.CopyToAsync(decoded);
            Assert.Equal(css, decoded.ToArray());
        }
    }

    [Theory]
    [InlineData("""{"kind":"product","card":["a-car"],"page":[]}""", new[] { CacheTags.Catalog })]
    [InlineData("""{"kind":"product","card":[],"page":["A-Car","b-car"]}""", new[] { "product:a-car", "product:b-car" })]
    [InlineData("""{"kind":"journal"}""", new[] { CacheTags.Journal })]
    [InlineData("""{"kind":"all"}""", new[] { CacheTags.All })]
    [InlineData("""{"kind":"something-new"}""", new[] { CacheTags.All })]
    [InlineData("not json", new[] { CacheTags.All })]
    public void Each_change_from_the_API_evicts_its_tags(string data, string[] tags) =>
        Assert.Equal(tags, CacheEvictionSubscriber.TagsOf(data));

    private static string? Key(string query) =>
        CacheKeyQuery.Normalize(new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), StorefrontPages.CatalogKeys);

    [GeneratedRegex("href=\"(?<href>/css/site[^\"]*\\.css)\"")]
    private static partial Regex StylesheetHref();

    private WebApplicationFactory<DiecastApiOptions> With(StandInApi api, Action<IWebHostBuilder>? configure = null) =>
        storefront.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production").UseStandInApi(api);
            configure?.Invoke(b);
        });
}
