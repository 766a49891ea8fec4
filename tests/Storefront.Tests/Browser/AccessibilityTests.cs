namespace Diecast.Storefront.Tests.Browser;

/// <summary>
/// axe-core on every page type, on a phone and a desktop: no serious or critical violations (WCAG 2.x A/AA and axe's
/// best practices), and each page sound (no sideways scroll, sized images, no console errors). A screenshot of each
/// is saved as test output.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserShop shop)
{
    /// <summary>Every page type, by a name for the screenshot and a path in the demo shop, and the status it answers.</summary>
    private static readonly (string Name, string Path, int Status)[] PageTypes =
    [
        ("home", "/", 200),
        ("catalog", "/cars", 200),
        ("catalog-filtered", "/cars?genre=jdm&scale=1:18&sort=price-asc", 200),
        ("catalog-search", "/cars?q=skyline", 200),
        ("catalog-empty", "/cars?q=zzzznothingmatches", 200),
        ("product", "/cars/autoart-nissan-skyline-gt-r-r34-v-spec-ii-1-18", 200),
        ("product-pre-order", "/cars/autoart-toyota-supra-jza80-1-18", 200),
        ("journal", "/journal", 200),
        ("journal-tag", "/journal?tag=beginners", 200),
        ("journal-entry", "/journal/diecast-scale-guide", 200),
        ("about", "/about", 200),
        ("contact", "/contact", 200),
        ("privacy", "/privacy", 200),
        ("terms", "/terms", 200),
        ("shipping-and-returns", "/shipping-and-returns", 200),
        ("not-found", "/no/such/page", 404),
        ("journal-unknown-tag", "/journal?tag=no-such-tag", 404),
        ("product-not-found", "/cars/no-such-car", 404),
    ];

    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var viewport in new[] { "phone", "desktop" })
        {
            foreach (var (name, _, _) in PageTypes)
            {
                data.Add(viewport, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_accessibility_violations(string viewport, string pageType)
    {
        var (name, path, status) = PageTypes.Single(p => p.Name == pageType);
        await using var tab = await ShopTab.OpenAsync(shop, Viewport.Named(viewport), "axe-" + name);
        await tab.RunAsync(async () =>
        {
            await tab.GotoAsync(path, status);
            await tab.ScreenshotAsync("page");
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync(path);
        });
    }
}
