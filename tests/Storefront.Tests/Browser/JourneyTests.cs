using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diecast.Storefront.Tests.Browser;

/// <summary>
/// A shopper's way through the shop in Chromium, on a 360×740 touch phone and a 1440×900 desktop: home → a genre →
/// the catalog filtered by it → another filter → a sort → filters cleared → a page forward and back (the page's links
/// and the browser's back button) → a search → a product (gallery, price in ₹ with Indian grouping) → the journal and an
/// entry. At every step the URL holds the state, the results match it, nothing scrolls sideways, every image has its
/// size, and the console stays clean; each step leaves a screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class JourneyTests(BrowserShop shop)
{
    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task A_shopper_browses_from_home_to_a_product_and_the_journal(string viewport)
    {
        await using var tab = await ShopTab.OpenAsync(shop, Viewport.Named(viewport), "journey");
        var page = tab.Page;
        await tab.RunAsync(async () =>
        {
            // Home: a genre link lands on the catalog filtered by that genre.
            await tab.GotoAsync("/");
            await Step(tab, "home");
            var genreLink = page.Locator("main a[href^='/cars?genre=']").First;
            var genreHref = await genreLink.GetAttributeAsync("href") ?? "";
            var genre = GenreIn().Match(genreHref).Groups["genre"].Value;
            await genreLink.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/cars\\?genre={Regex.Escape(genre)}$"));
            var genreResults = await ResultsAsync(page);
            Assert.NotEmpty(genreResults);
            await Expect(page.Locator($"input[name='genre'][value='{genre}']")).ToBeCheckedAsync();
            await Step(tab, "catalog-genre");

            // Another facet narrows the list, kept beside the genre in the URL.
            var scale = page.Locator("input[name='scale']").First;
            var scaleValue = await scale.GetAttributeAsync("value") ?? "";
            await ApplyAsync(page, scale, control => control.CheckAsync());
            await Expect(page).ToHaveURLAsync(new Regex($"genre={Regex.Escape(genre)}.*scale={Regex.Escape(Uri.EscapeDataString(scaleValue))}|scale={Regex.Escape(Uri.EscapeDataString(scaleValue))}.*genre={Regex.Escape(genre)}"));
            var narrowed = await ResultsAsync(page);
            Assert.True(narrowed.IsSubsetOf(genreResults) && narrowed.Count <= genreResults.Count, "A second filter can only narrow the list");
            await Step(tab, "catalog-genre-scale");

            // Sorting by price, low to high: the prices shown ascend.
            await page.Locator("nav[aria-label='Sort cars'] a[href*='sort=price-asc']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("sort=price-asc"));
            await Expect(page.Locator($"input[name='scale'][value='{scaleValue}']")).ToBeCheckedAsync();
            var prices = await PricesAsync(page);
            Assert.Equal(prices.Order(), prices);
            await Step(tab, "catalog-sorted");

            // Filters cleared, the sort kept: the whole catalog, more than one page of it.
            await page.GotoAsync("/cars?sort=price-asc");
            var first = await ResultListAsync(page);
            var next = page.Locator("a[rel='next']");
            await Expect(next).ToBeVisibleAsync();
            await next.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("after="));
            var secondUrl = page.Url;
            var second = await ResultListAsync(page);
            Assert.Empty(second.Intersect(first));
            Assert.True(await PricesAsync(page) is var secondPrices && secondPrices.Order().SequenceEqual(secondPrices), "Page 2 keeps the sort");
            await Step(tab, "catalog-page-2");

            // The page's own "previous" link shows page 1 again.
            await page.Locator("a[rel='prev']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("before=|/cars\\?sort=price-asc$"));
            Assert.Equal(first, await ResultListAsync(page));

            // The browser's back button: page 2, then page 1, each with its own results.
            await page.GoBackAsync();
            await Expect(page).ToHaveURLAsync(secondUrl);
            Assert.Equal(second, await ResultListAsync(page));
            await page.GoBackAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/cars\\?sort=price-asc$"));
            Assert.Equal(first, await ResultListAsync(page));
            await Step(tab, "catalog-back");

            // Search: the words go into the URL, and what comes back matches them.
            var search = page.GetByRole(AriaRole.Searchbox).First;
            await search.FillAsync("Skyline");
            await search.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex("q=Skyline"));
            var found = page.Locator("main a[href^='/cars/']").Filter(new() { HasTextRegex = new Regex("Skyline", RegexOptions.IgnoreCase) });
            await Expect(found.First).ToBeVisibleAsync();
            await Step(tab, "search");

            // A product: its name, a gallery of sized pictures, the price in rupees with Indian grouping.
            await found.First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/cars/[a-z0-9-]+$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Skyline");
            await Expect(page.Locator("main img").First).ToBeVisibleAsync();
            await Expect(page.Locator("main").GetByText(IndianRupees()).First).ToBeVisibleAsync();
            await Step(tab, "product");

            // The journal and one of its entries.
            await page.GotoAsync("/journal");
            var entry = page.Locator("main a[href^='/journal/']").First;
            await Expect(entry).ToBeVisibleAsync();
            await Step(tab, "journal");
            await entry.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/journal/[a-z0-9-]+$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator("main article")).ToBeVisibleAsync();
            await Step(tab, "journal-entry");
        });
    }

    /// <summary>The checks every page of the journey passes, then a screenshot of it.</summary>
    private static async Task Step(ShopTab tab, string name)
    {
        await tab.Page.WaitForLoadStateAsync(LoadState.Load);
        await tab.AssertSoundAsync();
        await tab.ScreenshotAsync(name);
    }

    /// <summary>
    /// Changes a filter control and submits the filter form (the catalog works without JavaScript: a form and its Apply
    /// button), waiting for the listing it asks for. On a phone the filters fold away behind their toggle, which is
    /// opened first, as a shopper would.
    /// </summary>
    private static async Task ApplyAsync(IPage page, ILocator control, Func<ILocator, Task> change)
    {
        var before = page.Url;
        if (!await control.IsVisibleAsync())
        {
            await page.Locator("label[for='filters-toggle']").ClickAsync();
        }

        await change(control);
        await control.Locator("xpath=ancestor::form[1]").Locator("button[type='submit']").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(before);
    }

    /// <summary>The product pages the listing links to, as a set.</summary>
    private static async Task<HashSet<string>> ResultsAsync(IPage page) => [.. await ResultListAsync(page)];

    /// <summary>The product pages the listing links to, in order (each card may link more than once: counted once).</summary>
    private static async Task<List<string>> ResultListAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var hrefs = await page.Locator("main a[href^='/cars/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        return [.. hrefs.Distinct()];
    }

    /// <summary>The listing's prices, in order, as numbers.</summary>
    private static async Task<List<decimal>> PricesAsync(IPage page)
    {
        // <price> renders <data value="27999.00">₹27,999</data>: the value is the machine-readable amount.
        var values = await page.Locator("main li data[value]").EvaluateAllAsync<string[]>("prices => prices.map(p => p.getAttribute('value'))");
        return [.. values.Select(v => decimal.Parse(v, CultureInfo.InvariantCulture))];
    }

    [GeneratedRegex("genre=(?<genre>[a-z-]+)")]
    private static partial Regex GenreIn();

    /// <summary>A price in rupees with Indian digit grouping: ₹999, ₹1,499, ₹27,999, ₹1,29,999 (paise only when not whole).</summary>
    [GeneratedRegex("^₹(\\d{1,3}|\\d{1,2}(,\\d{2})*,\\d{3})(\\.\\d{2})?$")]
    private static partial Regex IndianRupees();
}
