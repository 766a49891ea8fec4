using System.Net;
using Diecast.Storefront.Tests.Infrastructure;

namespace Diecast.Storefront.Tests.Pages;

/// <summary>The layout every page shares: landmarks, navigation, the search box, the stylesheet, meta tags.</summary>
[Collection(ShopCollection.Name)]
public sealed class ShellPageTests(ShopFixture shop)
{
    [Fact]
    public async Task Every_page_has_the_shops_landmarks_skip_link_and_navigation()
    {
        var page = await shop.GetPageAsync("/");
        var document = page.Document;

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("en-IN", document.DocumentElement.GetAttribute("lang"));
        var skip = document.QuerySelector("body > a.skip-link");
        Assert.NotNull(skip);
        Assert.Equal("#main", skip.GetAttribute("href"));
        Assert.NotNull(document.QuerySelector("main#main"));
        Assert.Single(document.QuerySelectorAll("header"));
        Assert.Single(document.QuerySelectorAll("footer"));
        var nav = document.QuerySelector("nav[aria-label=Main]")!;
        Assert.Equal(["/cars", "/journal"], nav.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(document.QuerySelector("a#cart-link[href='/cart']"));

        var search = document.QuerySelector("form[role=search]")!;
        Assert.Equal("/cars", search.GetAttribute("action"));
        Assert.Equal("get", search.GetAttribute("method"));
        var input = search.QuerySelector("input[name=q]")!;
        Assert.NotNull(document.QuerySelector($"label[for='{input.Id}']"));

        var footerLinks = document.QuerySelectorAll("footer a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/about", "/contact", "/shipping-and-returns", "/privacy", "/terms"], footerLinks);
    }

    [Fact]
    public async Task The_compiled_Tailwind_stylesheet_is_inside_every_page_as_served()
    {
        await using var linking = ShopFixture.CreateStorefront(shop.Api, b => b.UseSetting("Storefront:InlineStylesheet", "false"));
        var linked = await ShopFixture.GetPageAsync(linking, "/about");
        var href = linked.Document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        using var client = linking.CreateClient();
        var served = await client.GetStringAsync(href);

        foreach (var path in new[] { "/", "/cars", "/about", "/no/such/page" })
        {
            var page = await shop.GetPageAsync(path);
            // No render-blocking request before the first paint: the same bytes, in the head.
            Assert.Null(page.Document.QuerySelector("link[rel=stylesheet]"));
            var style = Assert.Single(page.Document.Head!.QuerySelectorAll("style"));
            Assert.Equal(served, style.TextContent);
        }
    }

    [Fact]
    public async Task The_compiled_Tailwind_stylesheet_is_linked_and_served_when_not_inlined()
    {
        await using var linking = ShopFixture.CreateStorefront(shop.Api, b => b.UseSetting("Storefront:InlineStylesheet", "false"));
        var page = await ShopFixture.GetPageAsync(linking, "/");
        Assert.Empty(page.Document.Head!.QuerySelectorAll("style"));
        var href = page.Document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        using var client = linking.CreateClient();
        var css = await client.GetAsync(href);
        var text = await css.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        // Tailwind's own banner, the theme's colours and a utility the markup uses: compiled, not the old hand-written file.
        Assert.Contains("tailwindcss v4", text, StringComparison.Ordinal);
        Assert.Contains("--color-accent", text, StringComparison.Ordinal);
        Assert.Contains(".skip-link", text, StringComparison.Ordinal);
        Assert.Contains("grid-cols-4", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meta_tags_give_an_absolute_canonical_URL_and_a_link_preview()
    {
        var page = await shop.GetPageAsync("/?utm_source=newsletter");
        var head = page.Document.Head!;

        Assert.Equal(ShopFixture.PublicBaseUrl + "/", head.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(ShopFixture.PublicBaseUrl + "/", head.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        Assert.False(string.IsNullOrWhiteSpace(head.QuerySelector("meta[name=description]")!.GetAttribute("content")));
        Assert.Equal("website", head.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.NotNull(head.QuerySelector("meta[name='twitter:card']"));
        Assert.Contains("Diecast", page.Document.Title, StringComparison.Ordinal);
    }
}
