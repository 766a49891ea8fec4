using System.Text.Json.Nodes;
using Diecast.Storefront.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Diecast.Storefront.Tests.EndToEnd;

/// <summary>
/// Purchases end to end in Debian's Chromium, on the API and the storefront as processes, the API playing Razorpay with
/// its own payment simulator (its checkout page, its webhooks to itself), on a phone and a desktop: browse, add two
/// products, change a quantity, check out, pay, see the order paid, open its status page, read it as an admin; a failed
/// payment and a retry; the checkout's validation. axe-core on every new page on the way.
/// </summary>
[Collection(SingleCollection.Name)]
public sealed class PurchaseTests(SingleShop shop)
{
    private ShopCluster Cluster => shop.Cluster;

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task A_shopper_buys_two_cars_pays_in_the_simulator_and_finds_the_order_paid(string viewport)
    {
        // Each viewport buys its own two products, so that the stock each test checks is its own.
        var products = await Shopper.InStockAsync(Cluster, 2, skip: viewport == "phone" ? 0 : 2);
        var (first, second) = (products[0], products[1]);
        await using var tab = await ShopTab.OpenAsync(Cluster.Browser, Cluster.Address, Viewport.Named(viewport), $"e2e-purchase");
        var shopper = new Shopper(tab, Cluster);
        await tab.RunAsync(async () =>
        {
            await tab.GotoAsync("/");
            await tab.AssertSoundAsync();
            await shopper.AddToCartAsync(first);
            await shopper.AddToCartAsync(second);
            await shopper.ChangeQuantityAsync(first, 2);
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync("the cart with two lines");
            await tab.ScreenshotAsync("cart");

            var email = $"{viewport}.buyer@example.com";
            var number = await shopper.CheckOutAsync(email);
            await tab.AssertAccessibleAsync("the order page before payment");
            await shopper.PayAsync("Pay successfully");
            await shopper.WaitForPanelAsync("Settled");
            await Expect(tab.Page.Locator("#payment-status")).ToHaveAttributeAsync("data-status", "PAID");
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync("the confirmation, paid");
            await tab.ScreenshotAsync("confirmed");

            // The order's own link, opened afresh (as from the confirmation email): the same order, paid.
            var link = new Uri(tab.Page.Url).AbsolutePath;
            await tab.GotoAsync(link);
            await Expect(tab.Page.Locator("#order-number")).ToHaveTextAsync(number);
            await Expect(tab.Page.Locator("#order-status")).ToHaveAttributeAsync("data-status", "PAID");
            await Expect(tab.Page.Locator("main")).ToContainTextAsync(first.Name);
            await Expect(tab.Page.Locator("main")).ToContainTextAsync(second.Name);
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync("the order status page");
            await tab.ScreenshotAsync("order-status");

            // The cart was emptied when the order was placed, and stays empty.
            await tab.GotoAsync("/cart");
            await Expect(tab.Page.Locator("form input[name=productId]")).ToHaveCountAsync(0);

            // The admin's view through the API: the lines as bought, the amounts the API computed, paid, and the timeline.
            var order = await Shopper.AdminOrderAsync(Cluster, number);
            AssertPaidOrder(order, email, (first, 2), (second, 1));
            Assert.Equal(first.Stock - 2, await Shopper.StockAsync(Cluster, first.Id));
            Assert.Equal(second.Stock - 1, await Shopper.StockAsync(Cluster, second.Id));
        });
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task A_failed_payment_leaves_the_order_payable_and_paying_again_succeeds(string viewport)
    {
        var product = (await Shopper.InStockAsync(Cluster, 1, skip: viewport == "phone" ? 4 : 5))[0];
        await using var tab = await ShopTab.OpenAsync(Cluster.Browser, Cluster.Address, Viewport.Named(viewport), "e2e-failed-payment");
        var shopper = new Shopper(tab, Cluster);
        await tab.RunAsync(async () =>
        {
            await shopper.AddToCartAsync(product);
            var email = $"{viewport}.retry@example.com";
            var number = await shopper.CheckOutAsync(email);

            await shopper.PayAsync("Fail (bank declines)");
            await shopper.WaitForPanelAsync("Failed");
            await Expect(tab.Page.Locator("#pay-button")).ToBeVisibleAsync();
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync("the order page after a failed payment");
            await tab.ScreenshotAsync("payment-failed");
            // Held, not sold, not released: the stock is still the order's.
            Assert.Equal(product.Stock - 1, await Shopper.StockAsync(Cluster, product.Id));

            await shopper.PayAsync("Pay successfully");
            await shopper.WaitForPanelAsync("Settled");
            await tab.ScreenshotAsync("paid-after-retry");

            var order = await Shopper.AdminOrderAsync(Cluster, number);
            AssertPaidOrder(order, email, (product, 1));
            var kinds = order["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
            Assert.True(kinds.IndexOf("PAYMENT_FAILED") >= 0 && kinds.IndexOf("PAYMENT_FAILED") < kinds.IndexOf("PAYMENT_CAPTURED"), string.Join(", ", kinds));
            Assert.Equal(product.Stock - 1, await Shopper.StockAsync(Cluster, product.Id));
        });
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task The_checkout_refuses_bad_details_beside_each_field_keeps_the_values_and_places_nothing(string viewport)
    {
        var product = (await Shopper.InStockAsync(Cluster, 1, skip: 6))[0];
        await using var tab = await ShopTab.OpenAsync(Cluster.Browser, Cluster.Address, Viewport.Named(viewport), "e2e-checkout-errors");
        var shopper = new Shopper(tab, Cluster);
        await tab.RunAsync(async () =>
        {
            await shopper.AddToCartAsync(product);
            await tab.Page.GotoAsync("/checkout");
            await tab.AssertAccessibleAsync("the checkout page");
            // A landline-like phone and a PIN code starting with 0: both refused by the API's rules.
            await shopper.FillCheckoutAsync("not-an-email", phone: "12345", postalCode: "012345");
            // The form comes back as a 400 with the messages beside the fields.
            tab.ExpectErrorStatus(new Uri(Cluster.Address, "/checkout"));
            await tab.Page.Locator("#place-order").ClickAsync();

            await Expect(tab.Page.Locator("#checkout-phone")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(tab.Page.Locator("#checkout-email")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(tab.Page.Locator("#checkout-postal-code")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(tab.Page.Locator("#checkout-name")).Not.ToHaveAttributeAsync("aria-invalid", "true");
            Assert.Equal("/checkout", new Uri(tab.Page.Url).AbsolutePath);
            await Expect(tab.Page.Locator("#checkout-postal-code")).ToHaveValueAsync("012345");
            await Expect(tab.Page.Locator("#checkout-city")).ToHaveValueAsync("Mumbai");
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync("the checkout page with validation errors");
            await tab.ScreenshotAsync("checkout-errors");

            // Nothing was placed: no order for this email, the stock untouched, the cart still full.
            var orders = await Cluster.AdminQueryAsync("{ orders(first: 1, where: {customerEmail: {eq: \"not-an-email\"}}) { totalCount } }");
            Assert.Equal(0, orders["orders"]!["totalCount"]!.GetValue<int>());
            Assert.Equal(product.Stock, await Shopper.StockAsync(Cluster, product.Id));
        });
    }

    /// <summary>Checks an admin's view of a paid order: its lines as bought, its amounts from the catalog's prices, paid in full, placed then captured.</summary>
    internal static void AssertPaidOrder(JsonNode order, string email, params (Product Product, int Quantity)[] lines)
    {
        Assert.Equal("PAID", order["paymentStatus"]!.GetValue<string>());
        Assert.Equal(email, order["customerEmail"]!.GetValue<string>());
        var items = order["items"]!.AsArray();
        Assert.Equal(lines.Length, items.Count);
        foreach (var (product, quantity) in lines)
        {
            var item = items.Single(i => i!["product"]!["id"]!.GetValue<string>() == product.Id)!;
            Assert.Equal((product.Name, product.Price, quantity, product.Price * quantity),
                (item["productName"]!.GetValue<string>(), item["unitPrice"]!.GetValue<decimal>(), item["quantity"]!.GetValue<int>(), item["lineTotal"]!.GetValue<decimal>()));
        }

        var subtotal = lines.Sum(line => line.Product.Price * line.Quantity);
        Assert.Equal(subtotal, order["subtotal"]!.GetValue<decimal>());
        Assert.Equal(subtotal + order["shippingFee"]!.GetValue<decimal>(), order["total"]!.GetValue<decimal>());
        Assert.Equal(order["total"]!.GetValue<decimal>(), order["amountPaid"]!.GetValue<decimal>());
        var kinds = order["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal("PLACED", kinds[0]);
        Assert.Contains("PAYMENT_CAPTURED", kinds);
    }
}
