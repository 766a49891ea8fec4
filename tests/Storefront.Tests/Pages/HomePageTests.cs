using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Diecast.Storefront.Tests.Pages;

public sealed class HomePageTests(WebApplicationFactory<Diecast.Storefront.DiecastApiOptions> storefront) : IClassFixture<WebApplicationFactory<Diecast.Storefront.DiecastApiOptions>>
{
    // Every test gets a stand-in API: none may reach a real one (a developer's API on localhost:5080, say).
    private readonly WebApplicationFactory<Diecast.Storefront.DiecastApiOptions> _storefront = storefront.WithWebHostBuilder(b => b
        .UseEnvironment("Production")
        .UseStandInApi(StandInApi.Empty()));

    [Fact]
    public async Task The_home_page_introduces_the_shop()
    {
        using var client = _storefront.CreateClient();
        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Diecast model cars · Diecast</title>", html, StringComparison.Ordinal);
        Assert.Contains("Shop by genre", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"en-IN\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stylesheet_the_layout_links_is_served()
    {
        using var client = _storefront.CreateClient();
        var html = await client.GetStringAsync("/");
        var href = System.Text.RegularExpressions.Regex.Match(html, "href=\"(?<href>/css/site[^\"]*\\.css[^\"]*)\"").Groups["href"].Value;

        Assert.NotEmpty(href);
        var css = await client.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404()
    {
        using var client = _storefront.CreateClient();
        var response = await client.GetAsync("/no/such/page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_shows_the_featured_products_the_API_returns()
    {
        var api = new StandInApi(HttpStatusCode.OK, "application/graphql-response+json", """
            {"data":{"__typename":"Query","featuredProducts":[
              {"__typename":"Product","id":"UHJvZHVjdDox","slug":"autoart-pagani-zonda-r-1-18","name":"Pagani Zonda R (2009) 1:18",
               "brand":"AutoArt","scale":"1:18","price":27999.00,"images":[]}]}}
            """);
        using var client = WithApi(api).CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Equal(["FeaturedProducts"], api.Operations);
        Assert.Contains("Pagani Zonda R (2009) 1:18", html, StringComparison.Ordinal);
        Assert.Contains("₹27,999.00", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_still_introduces_the_shop_when_the_API_fails()
    {
        var site = WithApi(new StandInApi(HttpStatusCode.BadGateway, "text/html", "<html>Bad gateway</html>"));
        using var client = site.CreateClient();

        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Shop by genre", html, StringComparison.Ordinal);
        Assert.DoesNotContain("featured-heading", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_SendDocumentIds_the_storefront_sends_the_trusted_document_id_instead_of_the_text()
    {
        var api = StandInApi.Empty();
        var site = WithApi(api, sendDocumentIds: true);
        using var client = site.CreateClient();

        await client.GetStringAsync("/");

        Assert.Equal(["FeaturedProducts " + FeaturedProductsQuery.DocumentId], api.Operations);
    }

    /// <summary>The storefront with its client's HttpClient answered by a stand-in for the API.</summary>
    private WebApplicationFactory<Diecast.Storefront.DiecastApiOptions> WithApi(StandInApi api, bool sendDocumentIds = false) =>
        _storefront.WithWebHostBuilder(b => b.UseSetting("DiecastApi:SendDocumentIds", sendDocumentIds.ToString()).UseStandInApi(api));
}
