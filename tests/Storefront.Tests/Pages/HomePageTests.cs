using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Diecast.Storefront.Tests.Pages;

/// <summary>The home page against a stand-in API: what it asks for, and what it shows when the API fails.</summary>
public sealed class HomePageTests(WebApplicationFactory<Diecast.Storefront.DiecastApiOptions> storefront) : IClassFixture<WebApplicationFactory<Diecast.Storefront.DiecastApiOptions>>
{
    // Every test gets a stand-in API: none may reach a real one (a developer's API on localhost:5080, say).
    private readonly WebApplicationFactory<Diecast.Storefront.DiecastApiOptions> _storefront = storefront.WithWebHostBuilder(b => b
        .UseEnvironment("Production")
        .UseStandInApi(StandInApi.Empty()));

    [Fact]
    public async Task The_home_page_asks_the_API_once_and_shows_what_it_returns()
    {
        var api = OneFeaturedCar("/media/images/1/abc");
        using var client = WithApi(api).CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Equal(["HomePage"], api.Operations);
        Assert.Contains("Pagani Zonda R (2009) 1:18", html, StringComparison.Ordinal);
        Assert.Contains("₹1,27,999", html, StringComparison.Ordinal);
        Assert.Contains("Only 2 left", html, StringComparison.Ordinal);
        Assert.Contains("fetchpriority=\"high\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://media.diecast.example", "https://media.diecast.example")]
    [InlineData("https://media.diecast.example:8443", "https://media.diecast.example:8443")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("http://localhost", null)]
    [InlineData("", null)]
    public async Task The_largest_picture_is_preloaded_with_the_imgs_own_srcset_and_its_origin_preconnected(string mediaBase, string? preconnect)
    {
        var picture = mediaBase + "/media/images/1/abc";
        using var client = WithApi(OneFeaturedCar(picture)).CreateClient();

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/"));

        var img = document.QuerySelector("main img")!;
        var preload = Assert.Single(document.Head!.QuerySelectorAll("link[rel=preload][as=image]"));
        Assert.Equal(picture + "?w=640", preload.GetAttribute("href"));
        // The same candidates and sizes as the img, or the browser would fetch the picture twice.
        Assert.Equal(img.GetAttribute("srcset"), preload.GetAttribute("imagesrcset"));
        Assert.Equal(img.GetAttribute("sizes"), preload.GetAttribute("imagesizes"));
        Assert.Equal("high", preload.GetAttribute("fetchpriority"));
        Assert.Equal("high", img.GetAttribute("fetchpriority"));
        Assert.Null(img.GetAttribute("loading"));
        // A phone is drawn the tile at the page's width less its padding, not the whole viewport.
        Assert.EndsWith(", calc(100vw - 2rem)", img.GetAttribute("sizes"), StringComparison.Ordinal);
        var preconnects = document.Head!.QuerySelectorAll("link[rel=preconnect]").Select(l => l.GetAttribute("href")).ToList();
        Assert.Equal(preconnect is null ? [] : new[] { preconnect }, preconnects);
        // The hints come before anything else the head asks for, after the preconnect that the preload's request uses.
        if (preconnect is not null)
        {
            Assert.True(document.Head!.QuerySelector("link[rel=preconnect]")!.CompareDocumentPosition(preload).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        }
    }

    [Fact]
    public async Task Without_a_featured_picture_the_home_page_preloads_nothing()
    {
        using var client = WithApi(StandInApi.Empty()).CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.DoesNotContain("rel=\"preload\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"preconnect\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_still_introduces_the_shop_and_its_genres_when_the_API_fails()
    {
        var site = WithApi(new StandInApi(HttpStatusCode.BadGateway, "text/html", "<html>Bad gateway</html>"));
        using var client = site.CreateClient();

        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Shop by genre", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/cars?genre=jdm\"", html, StringComparison.Ordinal);
        Assert.Contains("taking a moment to load", html, StringComparison.Ordinal);
        Assert.DoesNotContain("New arrivals</h2>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_SendDocumentIds_the_storefront_sends_the_trusted_document_id_instead_of_the_text()
    {
        var api = StandInApi.Empty();
        var site = WithApi(api, sendDocumentIds: true);
        using var client = site.CreateClient();

        await client.GetStringAsync("/");

        Assert.Equal(["HomePage " + HomePageQuery.DocumentId], api.Operations);
    }

    /// <summary>A stand-in API whose home page has one featured car, the Zonda R, with one picture at <paramref name="picture"/> (?w=640 and ?w=1080).</summary>
    private static StandInApi OneFeaturedCar(string picture) => new(HttpStatusCode.OK, "application/graphql-response+json", """
        {"data":{"__typename":"Query","featuredProducts":[
          {"__typename":"Product","id":"UHJvZHVjdDox","slug":"autoart-pagani-zonda-r-1-18","name":"Pagani Zonda R (2009) 1:18",
           "brand":"AutoArt","scale":"1:18","price":127999.00,"status":"AVAILABLE","inStock":true,"fewLeft":2,"gallery":[
             {"__typename":"ProductImage","url":"PICTURE?w=640","srcSet":"PICTURE?w=640 640w, PICTURE?w=1080 1080w",
              "alt":"The Zonda R from the front","width":1600,"height":1200}]}],
          "newArrivals":{"__typename":"ProductsConnection","nodes":[]},
          "preOrders":{"__typename":"ProductsConnection","nodes":[]},
          "journalEntries":{"__typename":"JournalEntriesConnection","nodes":[]}}}
        """.Replace("PICTURE", picture, StringComparison.Ordinal));

    /// <summary>The storefront with its client's HttpClient answered by a stand-in for the API.</summary>
    private WebApplicationFactory<Diecast.Storefront.DiecastApiOptions> WithApi(StandInApi api, bool sendDocumentIds = false) =>
        _storefront.WithWebHostBuilder(b => b.UseSetting("DiecastApi:SendDocumentIds", sendDocumentIds.ToString()).UseStandInApi(api));
}
