using System.Net;
using Diecast.Storefront.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Diecast.Storefront.Tests.Pages;

/// <summary>Error responses: a friendly page with the status the storefront chose, which no request can steer.</summary>
[Collection(ShopCollection.Name)]
public sealed class ErrorPageTests(ShopFixture shop)
{
    [Theory]
    [InlineData("/Error?status=42")]
    [InlineData("/Error?status=999")]
    [InlineData("/Error?status=500")]
    [InlineData("/errors/42")]
    [InlineData("/errors/999")]
    [InlineData("/errors/500")]
    [InlineData("/errors/200")]
    [InlineData("/errors/404?status=503")]
    [InlineData("/Errors/Index")]
    public async Task The_error_page_cannot_be_asked_for_a_status(string path)
    {
        var page = await shop.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Page not found", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    public async Task An_unknown_URL_is_404_for_every_method(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/no/such/page");
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("a=1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        var page = await shop.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        if (method != "HEAD")
        {
            Assert.Equal("Page not found", page.Document.QuerySelector("h1")!.TextContent.Trim());
            Assert.Contains("href=\"/cars\"", page.Html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("POST", "/")]
    [InlineData("DELETE", "/about")]
    [InlineData("PUT", "/cars/autoart-pagani-zonda-r-1-18")]
    public async Task A_page_asked_with_a_method_it_does_not_take_is_405_with_Allow(string method, string path)
    {
        var page = await shop.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("") });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, page.Status);
        Assert.Equal(["GET", "HEAD"], page.Response.Content.Headers.Allow.Order());
        Assert.Equal("That can't be done here", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("/%ff%fe")]
    [InlineData("//double//slashes")]
    [InlineData("/cars/x/y/z")]
    [InlineData("/?q=%ff%00<script>")]
    [InlineData("/about?page=-1&page=999999999999999999999")]
    [InlineData("/cars/autoart-pagani-zonda-r-1-18?slug=../../x")]
    [InlineData("/.env")]
    [InlineData("/wp-login.php")]
    public async Task Odd_paths_and_query_strings_get_a_clear_answer_never_a_500(string path)
    {
        var page = await shop.GetPageAsync(path);

        Assert.True((int)page.Status is 200 or 400 or 404, $"{path} answered {(int)page.Status}");
        Assert.DoesNotContain("Exception", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page.Html[..Math.Min(page.Html.Length, 200_000)].Replace("<script type=\"application/ld+json\">", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_is_the_friendly_500_page_without_details_and_the_storefront_keeps_serving()
    {
        await using var storefront = ShopFixture.CreateStorefront(shop.Api, b => b.ConfigureServices(services =>
            services.Configure<MvcOptions>(options => options.Filters.Add(new ThrowOn("/terms")))));

        var broken = await ShopFixture.GetPageAsync(storefront, "/terms");
        var after = await ShopFixture.GetPageAsync(storefront, "/about");

        Assert.Equal(HttpStatusCode.InternalServerError, broken.Status);
        Assert.Equal("Something went wrong", broken.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("InvalidOperationException", broken.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("at Diecast", broken.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    /// <summary>A bug in a page: its handler throws (inside the pipeline, where a real bug would be).</summary>
    private sealed class ThrowOn(string path) : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
            context.HttpContext.Request.Path == path ? throw new InvalidOperationException("A bug, for the test") : next();
    }
}
