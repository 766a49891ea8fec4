using System.Text.Json;

namespace Diecast.Storefront.Tests.Browser;

/// <summary>
/// The header on a 360 px phone: the search box had about 35 px for text beside the logo and the Cart link (fresh-eyes
/// review); it now takes a row of its own there, and sits between them from the sm breakpoint up.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HeaderLayoutTests(BrowserShop shop)
{
    /// <summary>The search field's text area (its content box) and the Cart link's and logo's boxes, in CSS pixels.</summary>
    private sealed record HeaderBoxes(double TextWidth, double SearchTop, double SearchLeft, double SearchRight, double CartTop, double CartLeft, double CartRight, double LogoTop);

    private static async Task<HeaderBoxes> MeasureAsync(Microsoft.Playwright.IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => {
              const input = document.getElementById('site-search');
              const style = getComputedStyle(input);
              const search = input.getBoundingClientRect();
              const cart = document.getElementById('cart-link').getBoundingClientRect();
              const logo = document.querySelector('header a[href="/"]').getBoundingClientRect();
              return {
                textWidth: search.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth),
                searchTop: search.top, searchLeft: search.left, searchRight: search.right,
                cartTop: cart.top, cartLeft: cart.left, cartRight: cart.right, logoTop: logo.top };
            }
            """);
        double Get(string name) => json.GetProperty(name).GetDouble();
        return new HeaderBoxes(Get("textWidth"), Get("searchTop"), Get("searchLeft"), Get("searchRight"), Get("cartTop"), Get("cartLeft"), Get("cartRight"), Get("logoTop"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/cars")]
    public async Task On_a_360_px_phone_the_search_box_has_a_row_of_its_own_and_room_to_type(string path)
    {
        await using var tab = await ShopTab.OpenAsync(shop, Viewport.Phone, "header");
        await tab.RunAsync(async () =>
        {
            await tab.GotoAsync(path);
            var boxes = await MeasureAsync(tab.Page);
            await tab.ScreenshotAsync(path == "/" ? "home" : "cars");

            // Before: about 35 px. A row of its own on 360 px, less the page's padding and the button, is over 200.
            Assert.True(boxes.TextWidth >= 200, $"the search box has {boxes.TextWidth:0} px for text");
            // Below the Cart link, which stays on the logo's row at the right.
            Assert.True(boxes.SearchTop > boxes.CartTop + 20, $"search at {boxes.SearchTop:0}, Cart at {boxes.CartTop:0}");
            Assert.True(Math.Abs(boxes.CartTop - boxes.LogoTop) < 12, $"Cart at {boxes.CartTop:0}, logo at {boxes.LogoTop:0}");
            Assert.True(boxes.CartRight > 300, $"the Cart link ends at {boxes.CartRight:0} px");
            await tab.AssertSoundAsync();
        });
    }

    [Fact]
    public async Task On_a_desktop_the_search_box_sits_between_the_menu_and_the_Cart_link_on_one_row()
    {
        await using var tab = await ShopTab.OpenAsync(shop, Viewport.Desktop, "header");
        await tab.RunAsync(async () =>
        {
            await tab.GotoAsync("/");
            var boxes = await MeasureAsync(tab.Page);
            await tab.ScreenshotAsync("home");

            Assert.True(Math.Abs(boxes.SearchTop - boxes.CartTop) < 12, $"search at {boxes.SearchTop:0}, Cart at {boxes.CartTop:0}");
            Assert.True(boxes.SearchRight <= boxes.CartLeft, $"search ends at {boxes.SearchRight:0}, Cart starts at {boxes.CartLeft:0}");
            Assert.True(boxes.TextWidth >= 250, $"the search box has {boxes.TextWidth:0} px for text");
            await tab.AssertSoundAsync();
        });
    }
}
