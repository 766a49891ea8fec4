using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Diecast.Storefront.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diecast.Storefront.Tests.EndToEnd;

/// <summary>
/// What a shopper does in the browser, step by step, on a <see cref="ShopTab"/> of a <see cref="ShopCluster"/>: add to
/// cart from a product page, change a quantity, check out, pay in the simulator, wait for the order to be paid. Every
/// step waits on a state of the page (a URL, an element, a data attribute), never on time, checks the page is sound and
/// saves a screenshot.
/// </summary>
public sealed partial class Shopper(ShopTab tab, ShopCluster cluster)
{
    public IPage Page => tab.Page;

    /// <summary>Two products on sale with stock to spare (at least five each), from the API as an admin sees them: id, slug, name, price and stock.</summary>
    public static async Task<IReadOnlyList<Product>> InStockAsync(ShopCluster cluster, int count, int skip = 0)
    {
        var data = await cluster.AdminQueryAsync("""
            { products(first: 50, where: {status: {eq: AVAILABLE}}, order: [{price: ASC}]) { nodes { id slug name price stockQuantity } } }
            """);
        return [.. data["products"]!["nodes"]!.AsArray()
            .Select(node => new Product(
                node!["id"]!.GetValue<string>(), node["slug"]!.GetValue<string>(), node["name"]!.GetValue<string>(),
                node["price"]!.GetValue<decimal>(), node["stockQuantity"]!.GetValue<int>()))
            .Where(product => product.Stock >= 5)
            .Skip(skip)
            .Take(count)];
    }

    /// <summary>The stock of <paramref name="productId"/> now, as an admin reads it.</summary>
    public static async Task<int> StockAsync(ShopCluster cluster, string productId)
    {
        var data = await cluster.AdminQueryAsync("query($id: ID!) { node(id: $id) { ... on Product { stockQuantity } } }", new { id = productId });
        return data["node"]!["stockQuantity"]!.GetValue<int>();
    }

    /// <summary>Opens the product's page and adds one to the cart with its form (no script needed): lands on the cart.</summary>
    public async Task AddToCartAsync(Product product)
    {
        await tab.GotoAsync($"/cars/{product.Slug}");
        await Expect(Page.Locator("h1")).ToContainTextAsync(product.Name);
        await tab.AssertSoundAsync();
        await tab.ScreenshotAsync($"product-{product.Slug}");
        await Page.Locator("#purchase form[action='/cart/add'] [type=submit]").First.ClickAsync();
        await Page.WaitForURLAsync(CartUrl());
        await Expect(Page.Locator($"form input[name=productId][value='{product.Id}']").First).ToBeAttachedAsync();
    }

    /// <summary>On the cart page, sets the line of <paramref name="product"/> to <paramref name="quantity"/> with the line's own form.</summary>
    public async Task ChangeQuantityAsync(Product product, int quantity)
    {
        var form = Page.Locator("form[action*='handler=update' i]").Filter(new() { Has = Page.Locator($"input[name=productId][value='{product.Id}']") });
        await form.Locator("input[name=quantity], select[name=quantity]").First.FillOrSelectAsync(quantity.ToString(CultureInfo.InvariantCulture));
        var submit = form.Locator("[type=submit]");
        if (await submit.CountAsync() > 0 && await submit.First.IsVisibleAsync())
        {
            await submit.First.ClickAsync();
        }

        await Page.WaitForURLAsync(CartUrl());
        await Expect(form.Locator("input[name=quantity], select[name=quantity]").First).ToHaveValueAsync(quantity.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>From the cart, to the checkout page, filled in as an Indian shopper would, and the order placed: lands on the order's page with the Pay button.</summary>
    public async Task<string> CheckOutAsync(string email, bool expectPayButton = true)
    {
        await Page.GotoAsync("/checkout");
        await tab.AssertSoundAsync();
        await tab.ScreenshotAsync("checkout");
        await FillCheckoutAsync(email);
        await Page.Locator("#place-order").ClickAsync();
        await Page.WaitForURLAsync(OrderUrl());
        if (expectPayButton)
        {
            await Expect(Page.Locator("#payment-panel")).ToHaveAttributeAsync("data-panel", "Pay");
        }

        await tab.AssertSoundAsync();
        await tab.ScreenshotAsync("order-placed");
        return await Page.Locator("#order-number").InnerTextAsync();
    }

    /// <summary>Fills the checkout form's fields (contact and address in Maharashtra).</summary>
    public async Task FillCheckoutAsync(string email, string phone = "98765 43210", string postalCode = "400002")
    {
        await Page.Locator("#checkout-name").FillAsync("Ananya Sharma");
        await Page.Locator("#checkout-email").FillAsync(email);
        await Page.Locator("#checkout-phone").FillAsync(phone);
        await Page.Locator("#checkout-line1").FillAsync("12 Marine Drive");
        await Page.Locator("#checkout-line2").FillAsync("Flat 4B");
        await Page.Locator("#checkout-city").FillAsync("Mumbai");
        await Page.Locator("#checkout-state").SelectOptionAsync("MAHARASHTRA");
        await Page.Locator("#checkout-postal-code").FillAsync(postalCode);
    }

    /// <summary>Presses Pay, chooses <paramref name="outcome"/> on the simulator's page ("Pay successfully", "Fail (bank declines)") and returns to the shop.</summary>
    public async Task PayAsync(string outcome)
    {
        // The simulator's page (Development only, on the API or the tests' Razorpay) has no favicon: not the shop's fault.
        tab.ExpectErrorStatus(new Uri(cluster.SimulatorAddress, "/favicon.ico"));
        await Page.Locator("#pay-button").ClickAsync();
        await Page.WaitForURLAsync(url => url.StartsWith(new Uri(cluster.SimulatorAddress, "/simulator/checkout").ToString(), StringComparison.Ordinal));
        await tab.ScreenshotAsync("simulator");
        await Page.GetByRole(AriaRole.Button, new() { Name = outcome }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Return to the shop" }).ClickAsync();
        await Page.WaitForURLAsync(OrderUrl());
    }

    /// <summary>Waits until the order's page shows <paramref name="panel"/> (it refreshes itself while confirming).</summary>
    public async Task WaitForPanelAsync(string panel) =>
        await Expect(Page.Locator("#payment-panel")).ToHaveAttributeAsync("data-panel", panel, new() { Timeout = 90_000 });

    /// <summary>The order as an admin reads it through the API: lines, amounts, statuses and timeline.</summary>
    public static async Task<JsonNode> AdminOrderAsync(ShopCluster cluster, string number, int instance = 0)
    {
        var data = await cluster.AdminQueryAsync("""
            query($number: String!) { orders(first: 1, where: {number: {eq: $number}}) { nodes {
              number status paymentStatus subtotal shippingFee total amountPaid customerEmail
              items { productName unitPrice quantity lineTotal product { id } }
              timeline { kind occurredAt } } } }
            """, new { number }, instance);
        return data["orders"]!["nodes"]![0]!;
    }

    private static Func<string, bool> CartUrl() => url => new Uri(url).AbsolutePath == "/cart";

    private static Func<string, bool> OrderUrl() => url => OrderPath().IsMatch(new Uri(url).AbsolutePath);

    [GeneratedRegex("^/orders/(?!find)[^/]+$")]
    private static partial Regex OrderPath();
}

/// <summary>A product a test buys, as the API's admin view had it before: id (global), slug, name, price in rupees, units in stock.</summary>
public sealed record Product(string Id, string Slug, string Name, decimal Price, int Stock);

internal static class LocatorExtensions
{
    /// <summary>Sets a quantity whether the page offers a number box or a select.</summary>
    public static async Task FillOrSelectAsync(this ILocator locator, string value)
    {
        if (await locator.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            await locator.SelectOptionAsync(value);
        }
        else
        {
            await locator.FillAsync(value);
        }
    }
}
