using System.Net;
using System.Xml.Linq;
using Diecast.Storefront.Tests.Infrastructure;

namespace Diecast.Storefront.Tests.Pages;

/// <summary>sitemap.xml and robots.txt against the demo shop.</summary>
[Collection(ShopCollection.Name)]
public sealed class SitemapTests(ShopFixture shop)
{
    private static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task The_sitemap_lists_every_product_on_sale_and_every_published_entry_with_absolute_URLs_and_lastmod()
    {
        var (storefront, recorder) = shop.CreateRecordedStorefront();
        await using var shopfront = storefront;
        using var client = storefront.CreateClient();

        var response = await client.GetAsync("/sitemap.xml");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var urls = xml.Root!.Elements(Sitemaps + "url").ToList();
        var locations = urls.Select(u => u.Element(Sitemaps + "loc")!.Value).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.All(locations, l => Assert.StartsWith(ShopFixture.PublicBaseUrl + "/", l, StringComparison.Ordinal));
        Assert.Equal(locations.Count, locations.Distinct().Count());
        // The demo shop: 76 products, none archived; 6 journal entries, one of them a draft.
        var products = urls.Where(u => u.Element(Sitemaps + "loc")!.Value.Contains("/cars/", StringComparison.Ordinal)).ToList();
        Assert.Equal(76, products.Count);
        Assert.Contains(ShopFixture.PublicBaseUrl + "/cars/autoart-pagani-zonda-r-1-18", locations);
        Assert.All(products, p => Assert.True(DateTimeOffset.TryParse(p.Element(Sitemaps + "lastmod")?.Value, out _)));
        var entries = locations.Where(l => l.Contains("/journal/", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, entries.Count);
        Assert.DoesNotContain(ShopFixture.PublicBaseUrl + "/journal/how-pre-orders-work", entries);
        Assert.Contains(ShopFixture.PublicBaseUrl + "/shipping-and-returns", locations);

        // Read 50 at a time: two pages of products, one of entries; never one unbounded query.
        Assert.Equal(["SitemapProducts", "SitemapProducts", "SitemapJournal"], recorder.Operations);
    }

    [Fact]
    public async Task Robots_txt_points_at_the_sitemap()
    {
        using var client = shop.CreateClient();

        var response = await client.GetAsync("/robots.txt");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("User-agent: *", text, StringComparison.Ordinal);
        Assert.Contains($"Sitemap: {ShopFixture.PublicBaseUrl}/sitemap.xml", text, StringComparison.Ordinal);
        Assert.Contains("Disallow: /cart", text, StringComparison.Ordinal);
    }
}
