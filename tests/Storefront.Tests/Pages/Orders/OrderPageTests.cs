using System.Net;
using System.Text.Json;
using Diecast.Storefront.Tests.Infrastructure;

namespace Diecast.Storefront.Tests.Pages.Orders;

/// <summary>
/// /orders/{token}: the customer's order by its signed link, what it says in each payment state, and that a link
/// opens its own order and nothing else. Orders are placed through the API; payments through the fake Razorpay.
/// </summary>
[Collection(OrderShopCollection.Name)]
public sealed class OrderPageTests(OrderShop shop)
{
    [Fact]
    public async Task The_order_page_shows_the_number_lines_totals_statuses_timeline_and_a_pay_button()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        var order = await shop.PlaceOrderAsync(product.Id, quantity: 2);

        var page = await shop.GetPageAsync("/orders/" + order.Token);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(order.Number, page.Document.QuerySelector("#order-number")!.TextContent);
        Assert.Equal("Order " + order.Number, page.Document.QuerySelector("h1")!.TextContent);
        var line = page.Document.QuerySelector("#order-items tbody tr")!;
        Assert.Equal(product.Name, line.QuerySelector("th")!.TextContent);
        Assert.Equal("2", line.QuerySelectorAll("td")[1].TextContent);
        Assert.Equal(Components.Money.Format(order.Total), page.Document.QuerySelector("#order-total")!.TextContent.Trim());
        Assert.Equal("PENDING_PAYMENT", page.Document.QuerySelector("#order-status")!.GetAttribute("data-status"));
        Assert.Equal("Waiting for payment", page.Document.QuerySelector("#order-status")!.TextContent);
        Assert.Equal("Not sent yet", page.Document.QuerySelector("#fulfilment-status")!.TextContent);
        Assert.Equal("Pay", page.Document.QuerySelector("#payment-panel")!.GetAttribute("data-panel"));
        Assert.Equal("Pay " + Components.Money.Format(order.Total), page.Document.QuerySelector("#pay-button")!.TextContent);
        Assert.NotEmpty(page.Document.QuerySelectorAll("#order-timeline li"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/cars']"));
        PageAssertions.HeadingsAreInOrder(page.Document);
    }

    [Fact]
    public async Task Order_pages_are_private_never_stored_indexed_or_leaked_as_a_referer()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        var order = await shop.PlaceOrderAsync(product.Id);

        foreach (var path in new[] { "/orders/" + order.Token, "/orders/not-a-real-token", "/orders/find" })
        {
            var page = await shop.GetPageAsync(path);
            Assert.Equal("no-store, no-cache, private", page.Response.Headers.CacheControl!.ToString());
            Assert.Equal("same-origin", Assert.Single(page.Response.Headers.GetValues("Referrer-Policy")));
            Assert.Contains("noindex", Assert.Single(page.Response.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
            Assert.Equal("noindex", page.Document.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
            Assert.Null(page.Document.QuerySelector("link[rel=canonical]"));
        }
    }

    [Fact]
    public async Task The_token_is_url_safe_and_a_link_opens_its_own_order_only()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        var mine = await shop.PlaceOrderAsync(product.Id, email: "mine@example.com");
        var theirs = await shop.PlaceOrderAsync(product.Id, email: "theirs@example.com");

        Assert.Matches("^[A-Za-z0-9_-]+$", mine.Token);
        Assert.Equal(mine.Number, (await shop.GetPageAsync("/orders/" + mine.Token)).Document.QuerySelector("#order-number")!.TextContent);
        Assert.Equal(theirs.Number, (await shop.GetPageAsync("/orders/" + theirs.Token)).Document.QuerySelector("#order-number")!.TextContent);
    }

    public static TheoryData<string> NotTokens => new()
    {
        "tampered",          // one character of a real token changed
        "truncated",         // a real token cut short
        "extended",          // a real token with more after it
        "made-up",           // base64url that was never issued
        "other-purpose",     // not ours at all, with characters a token never has
        "too-long",
    };

    [Theory]
    [MemberData(nameof(NotTokens))]
    public async Task A_link_that_is_not_an_issued_token_is_the_same_no_such_order_page(string kind)
    {
        var product = (await shop.ProductsInStockAsync())[0];
        var order = await shop.PlaceOrderAsync(product.Id);
        var token = order.Token;
        var path = kind switch
        {
            "tampered" => "/orders/" + token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..],
            "truncated" => "/orders/" + token[..^4],
            "extended" => "/orders/" + token + "AAAA",
            "made-up" => "/orders/" + Convert.ToBase64String(new byte[120]).Replace('+', '-').Replace('/', '_').TrimEnd('='),
            "other-purpose" => "/orders/" + Uri.EscapeDataString("DC-10001 ' OR 1=1 --"),
            _ => "/orders/" + new string('A', 1001),
        };

        var page = await shop.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("No such order", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Null(page.Document.QuerySelector("#order-number"));
        Assert.DoesNotContain(order.Number, page.Html, StringComparison.Ordinal);
        Assert.Equal("no-store, no-cache, private", page.Response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task The_razorpay_script_is_opened_with_the_orders_own_checkout_options_and_our_callback()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        var order = await shop.PlaceOrderAsync(product.Id);

        var page = await shop.GetPageAsync("/orders/" + order.Token);

        var options = JsonDocument.Parse(page.Document.QuerySelector("#razorpay-options")!.TextContent).RootElement;
        Assert.Equal(shop.Razorpay.KeyId, options.GetProperty("key").GetString());
        Assert.Equal(order.RazorpayOrderId, options.GetProperty("order_id").GetString());
        Assert.Equal((long)(order.Total * 100), options.GetProperty("amount").GetInt64());
        Assert.Equal("INR", options.GetProperty("currency").GetString());
        Assert.Contains(order.Number, options.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("asha@example.com", options.GetProperty("prefill").GetProperty("email").GetString());
        Assert.Equal(ShopFixture.PublicBaseUrl + "/checkout/callback?token=" + order.Token, options.GetProperty("callback_url").GetString());
        Assert.True(options.GetProperty("redirect").GetBoolean());
        Assert.NotNull(page.Document.QuerySelector("script[src^='/js/pay']"));
        Assert.Contains("needs JavaScript", page.Document.QuerySelector("noscript")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_simulator_set_pay_is_a_plain_link_to_its_page_with_our_callback()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        var order = await shop.PlaceOrderAsync(product.Id);
        await using var storefront = ShopFixture.CreateStorefront(shop.Api, b => b.UseSetting("Storefront:PaymentSimulatorUrl", "http://127.0.0.1:6201/simulator/checkout"));

        var page = await ShopFixture.GetPageAsync(storefront, "/orders/" + order.Token);

        var href = page.Document.QuerySelector("a#pay-button")!.GetAttribute("href")!;
        Assert.Equal(
            "http://127.0.0.1:6201/simulator/checkout?order_id=" + order.RazorpayOrderId
                + "&callback_url=" + Uri.EscapeDataString(ShopFixture.PublicBaseUrl + "/checkout/callback?token=" + order.Token),
            href);
        Assert.Null(page.Document.QuerySelector("#razorpay-options"));
        Assert.Null(page.Document.QuerySelector("script[src^='/js/pay']"));
    }

    [Fact]
    public async Task A_paid_order_shows_it_is_confirmed_without_a_pay_button()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        var order = await shop.PlaceOrderAsync(product.Id);
        shop.Pay(order);
        await shop.DeliverWebhooksAsync();

        var page = await shop.GetPageAsync("/orders/" + order.Token);

        Assert.Equal("Settled", page.Document.QuerySelector("#payment-panel")!.GetAttribute("data-panel"));
        Assert.Equal("Your order is confirmed", page.Document.QuerySelector("#payment-heading")!.TextContent);
        Assert.Equal("PAID", page.Document.QuerySelector("#payment-status")!.GetAttribute("data-status"));
        Assert.Null(page.Document.QuerySelector("#pay-button"));
        Assert.False(page.Response.Headers.Contains("Refresh"));
    }

    [Fact]
    public async Task An_order_whose_hold_ran_out_says_so_links_to_the_shop_and_cannot_be_paid()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        var order = await shop.PlaceOrderAsync(product.Id);

        await shop.ExpireHoldsAsync(TimeSpan.FromMinutes(31));
        var page = await shop.GetPageAsync("/orders/" + order.Token);

        Assert.Equal("CANCELLED", page.Document.QuerySelector("#order-status")!.GetAttribute("data-status"));
        Assert.Equal("Ended", page.Document.QuerySelector("#payment-panel")!.GetAttribute("data-panel"));
        Assert.Contains("time to pay ran out", page.Document.QuerySelector("#payment-ended")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("#payment-panel a[href='/cars']"));
        Assert.Null(page.Document.QuerySelector("#pay-button"));
    }
}
