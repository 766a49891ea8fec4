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
        var api = new StandInApi(HttpStatusCode.OK, "application/graphql-response+json", """
            {"data":{"__typename":"Query","featuredProducts":[
              {"__typename":"Product","id":"UHJvZHVjdDox","slug":"autoart-pagani-zonda-r-1-18","name":"Pagani Zonda R (2009) 1:18",
               "brand":"AutoArt","scale":"1:18","price":127999.00,"status":"AVAILABLE","inStock":true,"fewLeft":2,"gallery":[
                 {"__typename":"ProductImage","url":"/media/images/1/abc?w=640","srcSet":"/media/images/1/abc?w=640 640w, /media/images/1/abc?w=1080 1080w",
                  "alt":"The Zonda R from the front","width":1600,"height":1200}]}],
              "newArrivals":{"__typename":"ProductsConnection","nodes":[]},
              "preOrders":{"__typename":"ProductsConnection","nodes":[]},
              "journalEntries":{"__typename":"JournalEntriesConnection","nodes":[]}}}
            """);
        using var client = WithApi(api).CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Equal(["HomePage"], api.Operations);
        Assert.Contains("Pagani Zonda R (2009) 1:18", html, StringComparison.Ordinal);
        Assert.Contains("₹1,27,999", html, StringComparison.Ordinal);
        Assert.Contains("Only 2 left", html, StringComparison.Ordinal);
        Assert.Contains("fetchpriority=\"high\"", html, StringComparison.Ordinal);
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

    /// <summary>The storefront with its client's HttpClient answered by a stand-in for the API.</summary>
    private WebApplicationFactory<Diecast.Storefront.DiecastApiOptions> WithApi(StandInApi api, bool sendDocumentIds = false) =>
        _storefront.WithWebHostBuilder(b => b.UseSetting("DiecastApi:SendDocumentIds", sendDocumentIds.ToString()).UseStandInApi(api));
}
