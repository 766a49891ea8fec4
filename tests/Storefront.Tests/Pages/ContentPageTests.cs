using System.Net;
using Diecast.Storefront.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Diecast.Storefront.Tests.Pages;

/// <summary>The static pages: real text, the shop's meta, and no API call.</summary>
[Collection(ShopCollection.Name)]
public sealed class ContentPageTests(ShopFixture shop)
{
    [Theory]
    [InlineData("/about", "About us", "genuine")]
    [InlineData("/contact", "Contact us", "Grievance officer")]
    [InlineData("/privacy", "Privacy policy", "Razorpay")]
    [InlineData("/terms", "Terms of sale", "GST")]
    [InlineData("/shipping-and-returns", "Shipping and returns", "7 days")]
    public async Task Each_content_page_has_its_text_breadcrumbs_and_meta(string path, string heading, string mentions)
    {
        var page = await shop.GetPageAsync(path);
        var document = page.Document;

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(heading, document.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Contains(mentions, document.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.True(document.QuerySelector("main article")!.TextContent.Length > 600, "A content page has real text");
        Assert.Equal(ShopFixture.PublicBaseUrl + path, PageAssertions.Meta(document, "link[rel=canonical]", "href"));
        Assert.StartsWith(heading, document.Title, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(PageAssertions.Meta(document, "meta[name=description]")));
        var crumbs = PageAssertions.JsonLdOfType(document, "BreadcrumbList").GetProperty("itemListElement").EnumerateArray().ToList();
        Assert.Equal(ShopFixture.PublicBaseUrl + path, crumbs[^1].GetProperty("item").GetString());
        PageAssertions.HeadingsAreInOrder(document);
    }

    [Fact]
    public async Task Shipping_and_returns_states_the_Indian_terms()
    {
        var page = await shop.GetPageAsync("/shipping-and-returns");
        var text = page.Document.QuerySelector("main")!.TextContent;

        Assert.Contains("India", text, StringComparison.Ordinal);
        Assert.Contains("₹2,999", text, StringComparison.Ordinal);
        Assert.Contains("within 7 days of delivery", text, StringComparison.Ordinal);
        Assert.Contains("GST", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_pages_and_the_links_between_them_work_without_the_API()
    {
        var api = StandInApi.Empty();
        await using var storefront = new WebApplicationFactory<DiecastApiOptions>().WithWebHostBuilder(b => b
            .UseEnvironment("Production").UseStandInApi(api));
        using var client = storefront.CreateClient();

        foreach (var path in new[] { "/about", "/contact", "/privacy", "/terms", "/shipping-and-returns" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Empty(api.Operations);
    }
}
