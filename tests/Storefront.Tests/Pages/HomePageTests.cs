using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Diecast.Storefront.Tests.Pages;

public sealed class HomePageTests(WebApplicationFactory<Program> storefront) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _storefront = storefront.WithWebHostBuilder(b => b.UseEnvironment("Production"));

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
}
