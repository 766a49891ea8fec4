namespace Diecast.Storefront.Tests.Browser;

/// <summary>
/// axe-core on every page type, on a phone and a desktop: no serious or critical violations, and each page sound
/// (no sideways scroll, sized images, no console errors). A screenshot of each is saved as test output.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserShop shop)
{
    public static TheoryData<string, string> Pages() => new()
    {
        { "phone", "/" },
        { "desktop", "/" },
        { "phone", "/no/such/page" },
        { "desktop", "/no/such/page" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_accessibility_violations(string viewport, string path)
    {
        var status = path == "/no/such/page" ? 404 : 200;
        await using var tab = await ShopPage.OpenAsync(shop, Viewport.Named(viewport), "axe" + path.Replace('/', '-'));
        await tab.RunAsync(async () =>
        {
            await tab.GotoAsync(path, status);
            await tab.ScreenshotAsync("page");
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync(path);
        });
    }
}
