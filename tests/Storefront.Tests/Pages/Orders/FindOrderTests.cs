using System.Net;
using AngleSharp.Dom;
using Diecast.Storefront.Tests.Infrastructure;

namespace Diecast.Storefront.Tests.Pages.Orders;

/// <summary>/orders/find: an order by its number and email; every miss reads alike, and nobody opens another's order.</summary>
[Collection(OrderShopCollection.Name)]
public sealed class FindOrderTests(OrderShop shop)
{
    private async Task<ShopPage> FindAsync(string number, string email, bool withToken = true)
    {
        using var browser = shop.CreateBrowser();
        var form = await shop.GetPageAsync("/orders/find", browser);
        var fields = new Dictionary<string, string> { ["Number"] = number, ["Email"] = email };
        if (withToken)
        {
            fields["__RequestVerificationToken"] = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders/find") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        var response = await browser.SendAsync(request);
        return await OrderShop.ParseAsync(response, "/orders/find");
    }

    [Theory]
    [InlineData("https://evil.example", "cross-site")]
    [InlineData(null, null)]
    public async Task A_lookup_posted_from_another_site_is_refused(string? origin, string? fetchSite)
    {
        // Lookups are rate-limited per shopper: another site must not spend a shopper's lookups (or probe orders) through
        // their browser. Same check as every POST of the shop (SameOriginPostsFilter).
        using var browser = shop.CreateBrowser();
        var form = await shop.GetPageAsync("/orders/find", browser);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders/find")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Number"] = "DC-0001",
                ["Email"] = "someone@example.com",
                ["__RequestVerificationToken"] = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            }),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_right_number_and_email_show_the_order_without_a_pay_button()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        var order = await shop.PlaceOrderAsync(product.Id, email: "meera@example.com");

        // Spaces around and letter case do not matter, as the API reads them.
        var page = await FindAsync(" " + order.Number + " ", "  Meera@Example.COM ");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(order.Number, page.Document.QuerySelector("#order-number")!.TextContent);
        Assert.Contains(product.Name, page.Document.QuerySelector("#order-items")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("#pay-button"));
        Assert.NotNull(page.Document.QuerySelector("#order-pay-hint"));
        Assert.Equal("no-store, no-cache, private", page.Response.Headers.CacheControl!.ToString());
        PageAssertions.HeadingsAreInOrder(page.Document);
    }

    [Fact]
    public async Task Every_miss_reads_the_same_and_shows_no_order()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        var mine = await shop.PlaceOrderAsync(product.Id, email: "ravi@example.com");
        var theirs = await shop.PlaceOrderAsync(product.Id, email: "sunita@example.com");

        var misses = new[]
        {
            await FindAsync(theirs.Number, "ravi@example.com"),   // another customer's number with my email
            await FindAsync(mine.Number, "sunita@example.com"),   // my number with someone else's email
            await FindAsync(mine.Number, "ravi@example.org"),     // a wrong email
            await FindAsync("DC-99999999", "ravi@example.com"),   // a number that does not exist
            await FindAsync("' OR 1=1 --", "ravi@example.com"),   // not a number at all
        };

        var notices = misses.Select(p => p.Document.QuerySelector("#find-notice")!.TextContent).ToList();
        Assert.Single(notices.Distinct());
        Assert.StartsWith("No such order", notices[0], StringComparison.Ordinal);
        Assert.All(misses, page =>
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Null(page.Document.QuerySelector("#order-number"));
            Assert.DoesNotContain(theirs.Number, page.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        });
        // The form keeps what was typed, so a typo can be fixed.
        Assert.Equal(theirs.Number, misses[0].Document.QuerySelector("#find-number")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("", "ravi@example.com", "find-number-error")]
    [InlineData("DC-10001", "", "find-email-error")]
    [InlineData("DC-10001", "not-an-email", "find-email-error")]
    public async Task A_missing_or_malformed_field_is_said_beside_it_without_asking_the_api(string number, string email, string errorId)
    {
        var page = await FindAsync(number, email);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.NotEmpty(page.Document.QuerySelector("#" + errorId)!.TextContent);
        Assert.Null(page.Document.QuerySelector("#find-notice"));
    }

    [Fact]
    public async Task A_lookup_without_the_antiforgery_token_is_refused()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        var order = await shop.PlaceOrderAsync(product.Id, email: "csrf@example.com");

        var page = await FindAsync(order.Number, "csrf@example.com", withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.DoesNotContain(order.Number, page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_is_labelled_and_fit_for_phones()
    {
        var page = await shop.GetPageAsync("/orders/find");

        IElement Field(string id) => page.Document.QuerySelector("#" + id)!;
        Assert.NotNull(page.Document.QuerySelector("label[for=find-number]"));
        Assert.NotNull(page.Document.QuerySelector("label[for=find-email]"));
        Assert.Equal("email", Field("find-email").GetAttribute("autocomplete"));
        Assert.Equal("email", Field("find-email").GetAttribute("type"));
        Assert.NotNull(page.Document.QuerySelector("form[method=post] input[name=__RequestVerificationToken]"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/cars']"));
    }
}
