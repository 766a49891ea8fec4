using System.Net;
using Diecast.Storefront.Tests.Infrastructure;

namespace Diecast.Storefront.Tests.Pages;

/// <summary>The home page against the demo shop, end to end through the generated client.</summary>
[Collection(ShopCollection.Name)]
public sealed class HomeTests(ShopFixture shop)
{
    [Fact]
    public async Task The_home_page_comes_from_one_API_operation()
    {
        var (storefront, recorder) = shop.CreateRecordedStorefront();
        await using var shopfront = storefront;

        var page = await ShopFixture.GetPageAsync(storefront, "/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["HomePage"], recorder.Operations);
    }

    [Fact]
    public async Task The_bento_grid_shows_featured_cars_new_arrivals_pre_orders_and_the_journal()
    {
        var page = await shop.GetPageAsync("/");
        var document = page.Document;

        // The demo's featured cars (the Zonda R is one) lead the grid; every card links to its product page.
        var cards = document.QuerySelectorAll("main article").ToList();
        Assert.True(cards.Count >= 8, $"{cards.Count} cards");
        Assert.Contains(document.QuerySelectorAll("main article a"), a => a.GetAttribute("href") == "/cars/autoart-pagani-zonda-r-1-18");
        Assert.All(cards, card => Assert.Matches("^₹[0-9,]+(\\.[0-9]{2})?$", card.QuerySelector("data")!.TextContent));
        Assert.NotNull(document.QuerySelector("#new-heading"));
        var preOrders = document.QuerySelector("section[aria-labelledby=preorder-heading]")!;
        Assert.All(preOrders.QuerySelectorAll("article"), card => Assert.Contains("Pre-order", card.TextContent, StringComparison.Ordinal));
        var journal = document.QuerySelector("section[aria-labelledby=journal-heading]")!;
        Assert.NotEmpty(journal.QuerySelectorAll("a[href^='/journal/']"));
        Assert.DoesNotContain(journal.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/journal/how-pre-orders-work");
    }

    [Fact]
    public async Task Genre_links_lead_to_the_catalog_filtered_by_genre()
    {
        var page = await shop.GetPageAsync("/");
        var genres = page.Document.QuerySelectorAll("section[aria-labelledby=genres-heading] a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(9, genres.Count);
        Assert.Contains("/cars?genre=jdm", genres);
        Assert.Contains("/cars?genre=movie-tv", genres);
        Assert.Contains("/cars?genre=off-road", genres);
    }

    [Fact]
    public async Task The_largest_picture_is_fetched_first_and_every_other_one_lazily()
    {
        var page = await shop.GetPageAsync("/");
        var first = page.Document.QuerySelector("main img")!;

        Assert.Equal("high", first.GetAttribute("fetchpriority"));
        Assert.Null(first.GetAttribute("loading"));
        Assert.Contains("(min-width: 80rem) 40rem", first.GetAttribute("sizes"), StringComparison.Ordinal);
        Assert.All(page.Document.QuerySelectorAll("main img").Skip(1), img => Assert.Equal("lazy", img.GetAttribute("loading")));
        // The head asks for that picture first, with the img's own candidates (a mismatch would fetch it twice).
        var preload = Assert.Single(page.Document.Head!.QuerySelectorAll("link[rel=preload][as=image]"));
        Assert.Equal(first.GetAttribute("src"), preload.GetAttribute("href"));
        Assert.Equal(first.GetAttribute("srcset"), preload.GetAttribute("imagesrcset"));
        Assert.Equal(first.GetAttribute("sizes"), preload.GetAttribute("imagesizes"));
        PageAssertions.ImagesAreSized(page.Document);
        PageAssertions.HeadingsAreInOrder(page.Document);
    }

    [Fact]
    public async Task The_home_page_describes_the_shop_to_search_engines()
    {
        var page = await shop.GetPageAsync("/");

        var store = PageAssertions.JsonLdOfType(page.Document, "OnlineStore");
        Assert.Equal(ShopFixture.PublicBaseUrl + "/", store.GetProperty("url").GetString());
        Assert.Equal("INR", store.GetProperty("currenciesAccepted").GetString());
        Assert.StartsWith("http", PageAssertions.Meta(page.Document, "meta[property='og:image']"), StringComparison.Ordinal);
        Assert.Equal("summary_large_image", PageAssertions.Meta(page.Document, "meta[name='twitter:card']"));
    }
}
