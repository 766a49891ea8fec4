using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diecast.Storefront.Tests.Browser;

/// <summary>
/// The cart in Chromium: adding from a product page and from a listing card, changing a quantity on a 360 px phone,
/// the header's count, and axe-core on the cart page empty and with lines. (The whole purchase is the e2e suite's.)
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CartBrowserTests(BrowserShop shop)
{
    private const string Zonda = "/cars/autoart-pagani-zonda-r-1-18";

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task The_empty_cart_says_so_links_into_the_shop_and_is_accessible(string viewport)
    {
        await using var tab = await ShopTab.OpenAsync(shop, Viewport.Named(viewport), "cart-empty");
        await tab.RunAsync(async () =>
        {
            await tab.GotoAsync("/cart");
            await Expect(tab.Page.Locator("#cart-empty")).ToContainTextAsync("Your cart is empty.");
            await Expect(tab.Page.Locator("#cart-link")).ToHaveTextAsync("Cart");
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync("the empty cart");
            await tab.ScreenshotAsync("empty");
            await tab.Page.Locator("#cart-empty a").ClickAsync();
            await Expect(tab.Page).ToHaveURLAsync(new Regex("/cars$"));
        });
    }

    [Fact]
    public async Task On_a_phone_a_shopper_adds_a_model_changes_its_quantity_and_sees_the_count_and_totals_follow()
    {
        await using var tab = await ShopTab.OpenAsync(shop, Viewport.Named("phone"), "cart-phone");
        var page = tab.Page;
        await tab.RunAsync(async () =>
        {
            await tab.GotoAsync(Zonda);
            var purchase = page.Locator("#purchase");
            await purchase.GetByLabel("Quantity").SelectOptionAsync("2");
            await purchase.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/cart\\?added="));
            await Expect(page.Locator("[role=status]").First).ToContainTextAsync("Added");
            await Expect(page.Locator("#cart-link")).ToHaveTextAsync("Cart (2)");
            var line = page.Locator("li[data-product-id]");
            await Expect(line).ToHaveCountAsync(1);
            var quantity = line.GetByLabel("Quantity");
            await Expect(quantity).ToHaveValueAsync("2");
            var totalForTwo = await page.Locator("#cart-total").InnerTextAsync();
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync("the cart with a line");
            await tab.ScreenshotAsync("two");

            // A tap on the field, a new number, Update: the page comes back with the line and totals for three.
            await quantity.FillAsync("3");
            await line.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/cart$"));
            await Expect(page.Locator("li[data-product-id]").GetByLabel("Quantity")).ToHaveValueAsync("3");
            await Expect(page.Locator("#cart-link")).ToHaveTextAsync("Cart (3)");
            await Expect(page.Locator("#cart-link")).ToHaveAttributeAsync("aria-label", "Cart, 3 items");
            Assert.NotEqual(totalForTwo, await page.Locator("#cart-total").InnerTextAsync());
            await tab.AssertSoundAsync();
            await tab.ScreenshotAsync("three");

            // Every page's header shows the count (the pages themselves are shared and cached).
            await tab.GotoAsync("/journal");
            await Expect(page.Locator("#cart-link")).ToHaveTextAsync("Cart (3)");

            await tab.GotoAsync("/cart");
            await page.Locator("li[data-product-id]").GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
            await Expect(page.Locator("#cart-empty")).ToBeVisibleAsync();
            await Expect(page.Locator("#cart-link")).ToHaveTextAsync("Cart");
        });
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task A_listing_card_adds_its_model_to_the_cart(string viewport)
    {
        await using var tab = await ShopTab.OpenAsync(shop, Viewport.Named(viewport), "cart-card");
        var page = tab.Page;
        await tab.RunAsync(async () =>
        {
            await tab.GotoAsync("/cars");
            var card = page.Locator("article").Filter(new() { Has = page.Locator("form[action='/cart/add']") }).First;
            var name = (await card.Locator("h2, h3").First.InnerTextAsync()).Trim();
            // The card's button keeps to one line and at least WCAG's 24 px target, even in a phone's two-column grid.
            var button = await card.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).BoundingBoxAsync();
            Assert.True(button is { Height: >= 24 and < 60 }, $"The card's button is {button?.Width}×{button?.Height}");
            await card.ScreenshotAsync(new() { Path = Path.Combine(ShopTab.ScreenshotFolder, $"cart-card-{viewport}-card.png") });
            await card.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/cart\\?added="));
            await Expect(page.Locator("li[data-product-id] h3")).ToHaveTextAsync(name);
            await Expect(page.Locator("#cart-link")).ToHaveTextAsync("Cart (1)");
            await tab.AssertSoundAsync();
        });
    }
}
