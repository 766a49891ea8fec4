using Xunit.Sdk;

namespace Diecast.Storefront.Tests.Browser;

/// <summary>
/// The browser checks themselves, on pages made to fail them: an axe helper or a layout check that passed everything
/// would make every page test above pass too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CheckTests(BrowserShop shop)
{
    [Fact]
    public async Task Axe_fails_on_serious_violations_and_names_each_rule_and_element()
    {
        await using var tab = await ShopTab.OpenAsync(shop, Viewport.Desktop, "check-axe");
        await tab.Page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>Bad</title></head><body><main><h1>Bad</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1">
            <input type="text" id="unlabelled">
            <p style="color:#777;background:#888">Low contrast</p>
            </main></body></html>
            """);

        var failure = await Assert.ThrowsAsync<FailException>(() => tab.AssertAccessibleAsync("a bad page"));

        Assert.Contains("image-alt (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("label (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("color-contrast (serious)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#unlabelled", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_wider_than_a_phone_or_with_an_unsized_image_is_not_sound()
    {
        await using var tab = await ShopTab.OpenAsync(shop, Viewport.Phone, "check-layout");
        await tab.Page.SetContentAsync("""
            <!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><title>Wide</title></head>
            <body style="margin:0"><div style="width:400px">wider than 360</div></body></html>
            """);
        var wide = await Assert.ThrowsAsync<FailException>(tab.AssertSoundAsync);
        Assert.Contains("scrolls sideways", wide.Message, StringComparison.Ordinal);
        Assert.Contains("400 px wide: <div", wide.Message, StringComparison.Ordinal);

        await tab.Page.SetContentAsync("""
            <!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><title>Unsized</title></head>
            <body><img alt="dot" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>
            """);
        var unsized = await Assert.ThrowsAsync<TrueException>(tab.AssertSoundAsync);
        Assert.Contains("without width and height", unsized.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_error_on_the_page_is_caught()
    {
        await using var tab = await ShopTab.OpenAsync(shop, Viewport.Desktop, "check-console");
        await tab.Page.SetContentAsync("<!doctype html><html lang=\"en\"><head><title>Err</title></head><body><script>console.error('boom')</script></body></html>");

        var failure = Assert.Throws<TrueException>(tab.AssertNoErrors);
        Assert.Contains("boom", failure.Message, StringComparison.Ordinal);
    }
}
