using System.Globalization;
using System.Net;
using Diecast.Storefront.Tests.Infrastructure;

namespace Diecast.Storefront.Tests.Pages.Cars;

/// <summary>The catalog, /cars, on the demo shop: filters, counts, sorts, paging, search, the empty result, bad URLs.</summary>
[Collection(ShopCollection.Name)]
public sealed class CatalogPageTests(ShopFixture shop)
{
    [Fact]
    public async Task The_catalog_lists_a_page_of_cars_with_their_count_filters_and_a_next_page()
    {
        var page = await shop.GetPageAsync("/cars");
        var total = (await shop.QueryAsync("{ products(first: 1) { totalCount } }")).GetProperty("products").GetProperty("totalCount").GetInt32();

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(24, Cards(page).Count);
        Assert.Equal($"{total} cars", Count(page));
        Assert.Equal("Model cars", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("https://shop.example/cars", page.Document.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Null(page.Document.QuerySelector("a[rel=prev]"));
        Assert.StartsWith("/cars?after=", page.Document.QuerySelector("a[rel=next]")!.GetAttribute("href"), StringComparison.Ordinal);
        // Every control of the filter form has a label, and the form is a GET to /cars (works without JavaScript).
        var form = page.Document.QuerySelector("form[aria-label='Filter cars']")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/cars", form.GetAttribute("action"));
        Assert.All(form.QuerySelectorAll("input:not([type=hidden])"), input => Assert.NotNull(page.Document.QuerySelector($"label[for='{input.Id}']")));
        Assert.Equal(9, form.QuerySelectorAll("input[name=genre]").Length);
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
    }

    [Fact]
    public async Task A_facet_count_is_what_ticking_it_lists()
    {
        var all = await shop.GetPageAsync("/cars");
        var rally = FacetCount(all, "genre", "rally");
        var jdm = FacetCount(all, "genre", "jdm");

        var rallyPage = await shop.GetPageAsync("/cars?genre=rally");
        Assert.Equal($"{rally} cars", Count(rallyPage));
        Assert.Equal(rally, Cards(rallyPage).Count);
        Assert.Equal("Rally model cars", rallyPage.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.True(rallyPage.Document.QuerySelector("input[name=genre][value=rally]")!.HasAttribute("checked"));

        // Values of one facet are alternatives: two genres list both, and each keeps its own count.
        var both = await shop.GetPageAsync("/cars?genre=rally&genre=jdm");
        Assert.Equal($"{rally + jdm} cars", Count(both));
        Assert.Equal(jdm, FacetCount(both, "genre", "jdm"));

        // Facets combine: a scale within the two genres lists what the scale's count said.
        var scale = FacetCount(both, "scale", "1:43");
        var narrowed = await shop.GetPageAsync("/cars?genre=rally&genre=jdm&scale=1:43");
        Assert.Equal($"{scale} cars", Count(narrowed));
        Assert.Equal(scale, Cards(narrowed).Count);
    }

    [Fact]
    public async Task Filters_narrow_the_listing_to_what_the_API_finds_for_them()
    {
        var page = await shop.GetPageAsync("/cars?brand=AutoArt&availability=in-stock&min=5000&max=40000");
        var data = await shop.QueryAsync("""
            { products(first: 50, where: { brand: { eq: "AutoArt" }, price: { gte: 5000, lte: 40000 } }, availability: [IN_STOCK],
                       order: [{ isFeatured: DESC }, { createdAt: DESC }]) { nodes { slug } } }
            """);
        var expected = data.GetProperty("products").GetProperty("nodes").EnumerateArray().Select(n => "/cars/" + n.GetProperty("slug").GetString()).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Cards(page));
        Assert.All(Prices(page), p => Assert.InRange(p, 5000m, 40000m));
        Assert.Contains("₹5,000 to ₹40,000", page.Document.QuerySelector("[aria-label='Filters on']")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("price-asc")]
    [InlineData("price-desc")]
    public async Task Price_sorts_order_every_page(string sort)
    {
        var first = await shop.GetPageAsync($"/cars?sort={sort}");
        var second = await shop.GetPageAsync(first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var prices = Prices(first).Concat(Prices(second)).ToList();

        Assert.Equal(48, prices.Count);
        Assert.Equal(sort == "price-asc" ? prices.Order() : prices.OrderDescending(), prices);
        // The sort links keep the listing and leave the page: the current one says so.
        var current = first.Document.QuerySelector("nav[aria-label='Sort cars'] a[aria-current]")!;
        Assert.Equal($"/cars?sort={sort}", current.GetAttribute("href"));
    }

    [Theory]
    [InlineData("name", "{ name: ASC }")]
    [InlineData("newest", "{ createdAt: DESC }")]
    public async Task Name_and_newest_list_in_the_APIs_order(string sort, string order)
    {
        var page = await shop.GetPageAsync($"/cars?sort={sort}&genre=classic");
        var data = await shop.QueryAsync($"{{ products(first: 50, where: {{ genre: {{ eq: CLASSIC }} }}, order: [{order}]) {{ nodes {{ slug }} }} }}");

        Assert.Equal(data.GetProperty("products").GetProperty("nodes").EnumerateArray().Select(n => "/cars/" + n.GetProperty("slug").GetString()), Cards(page));
    }

    [Theory]
    [InlineData("/cars")]
    [InlineData("/cars?scale=1:18&sort=price-desc")]
    public async Task Paging_forward_and_back_returns_to_the_same_first_page(string start)
    {
        var first = await shop.GetPageAsync(start);
        var nextHref = first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await shop.GetPageAsync(nextHref);
        var previousHref = second.Document.QuerySelector("a[rel=prev]")!.GetAttribute("href")!;
        var back = await shop.GetPageAsync(previousHref);

        Assert.Empty(Cards(first).Intersect(Cards(second)));
        Assert.Contains("before=", previousHref, StringComparison.Ordinal);
        Assert.Equal(Cards(first), Cards(back));
        // The first page again: nothing before it, and its next page is the same second page.
        Assert.Null(back.Document.QuerySelector("a[rel=prev]"));
        Assert.Equal(Cards(second), Cards(await shop.GetPageAsync(back.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!)));
        // Every page of a listing names the listing's first page as canonical (a listing that is not indexed has none).
        Assert.Equal(first.Document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"), second.Document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal(start == "/cars", first.Document.QuerySelector("link[rel=canonical]")?.GetAttribute("href") == "https://shop.example/cars");
    }

    [Fact]
    public async Task The_last_page_has_no_next_link_and_every_car_appears_once()
    {
        var seen = new List<string>();
        var href = "/cars?sort=name";
        var pages = 0;
        while (href is not null && pages++ < 10)
        {
            var page = await shop.GetPageAsync(href);
            seen.AddRange(Cards(page));
            href = page.Document.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        var total = (await shop.QueryAsync("{ products(first: 1) { totalCount } }")).GetProperty("products").GetProperty("totalCount").GetInt32();
        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
    }

    [Fact]
    public async Task Search_lists_what_the_API_finds_best_match_first()
    {
        var page = await shop.GetPageAsync("/cars?q=gypsy+rally");
        var data = await shop.QueryAsync("{ products(first: 24, search: \"gypsy rally\") { totalCount nodes { slug } } }");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(data.GetProperty("products").GetProperty("nodes").EnumerateArray().Select(n => "/cars/" + n.GetProperty("slug").GetString()), Cards(page));
        var total = data.GetProperty("products").GetProperty("totalCount").GetInt32();
        Assert.Equal(total == 1 ? "1 car" : $"{total} cars", Count(page));
        Assert.Equal("Results for “gypsy rally”", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("gypsy rally", page.Document.QuerySelector("#catalog-q")!.GetAttribute("value"));
        // Search results are not for search engines.
        Assert.NotNull(page.Document.QuerySelector("meta[name=robots][content=noindex]"));
    }

    [Fact]
    public async Task An_empty_search_says_so_and_offers_every_car()
    {
        var page = await shop.GetPageAsync("/cars?q=zzyzx+quokka");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(Cards(page));
        Assert.Equal("0 cars", Count(page));
        var empty = page.Document.QuerySelector("[data-empty-result]")!;
        Assert.Contains("No cars match", empty.TextContent, StringComparison.Ordinal);
        Assert.Equal("/cars", empty.QuerySelector("a[data-clear-filters]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_empty_filtered_result_offers_to_clear_the_filters_and_keep_the_search()
    {
        var page = await shop.GetPageAsync("/cars?q=ferrari&genre=off-road&max=200");

        Assert.Empty(Cards(page));
        var clear = page.Document.QuerySelector("[data-empty-result] a[data-clear-filters]")!;
        Assert.Equal("/cars?q=ferrari", clear.GetAttribute("href"));
        var cleared = await shop.GetPageAsync(clear.GetAttribute("href")!);
        Assert.NotEmpty(Cards(cleared));
    }

    [Fact]
    public async Task Removing_one_filter_keeps_the_others()
    {
        var page = await shop.GetPageAsync("/cars?brand=Kyosho&genre=rally&sort=price-asc");
        var links = page.Document.QuerySelectorAll("[aria-label='Filters on'] a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Contains("/cars?genre=rally&sort=price-asc", links);
        Assert.Contains("/cars?brand=Kyosho&sort=price-asc", links);
        Assert.Contains("/cars?sort=price-asc", links);
    }

    public static TheoryData<string> BadQueries() => new()
    {
        "/cars?genre=spaceship",
        "/cars?genre=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/cars?min=5000&max=100",
        "/cars?min=-1&max=-50",
        "/cars?min=99999999999999999999999&max=1e9",
        "/cars?max=NaN&min=%E2%82%B9",
        "/cars?after=garbage",
        "/cars?after=" + new string('A', 300),
        "/cars?before=CfDJ8" + new string('x', 200) + "&after=",
        "/cars?sort=random&sort=price-asc",
        "/cars?q=" + new string('x', 5000),
        "/cars?q=%22unterminated+-+or+%26+%21%21+%3A*",
        "/cars?q=%00%01%02",
        "/cars?scale=1:18&scale=1:18&scale=18&scale=1%3A",
        "/cars?availability=&availability=sold-out&brand=",
        "/cars?brand=" + new string('b', 500),
        "/cars?genre=rally&genre=rally&genre=rally",
        "/cars?%ZZ=1&q=%E0%A4%",
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_query_string_is_a_catalog_page_never_an_error(string url)
    {
        var page = await shop.GetPageAsync(url);
        if (page.Status == HttpStatusCode.MovedPermanently)
        {
            // Empty parameters (EmptyQueryParameters): first the clean address, then the page.
            page = await shop.GetPageAsync(page.Response.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("h1#catalog-heading"));
        Assert.Null(page.Document.QuerySelector("[role=alert]"));
    }

    [Fact]
    public async Task What_a_bad_query_string_left_out_is_said()
    {
        var page = await shop.GetPageAsync("/cars?genre=spaceship&min=5000&max=100&after=garbage!");
        var notices = page.Document.QuerySelector("[role=status]")!.TextContent;

        Assert.Contains("“spaceship”", notices, StringComparison.Ordinal);
        Assert.Contains("swapped", notices, StringComparison.Ordinal);
        Assert.Contains("first page", notices, StringComparison.Ordinal);
        Assert.Contains("₹100 to ₹5,000", page.Document.QuerySelector("[aria-label='Filters on']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("100", page.Document.QuerySelector("#catalog-min")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_cursor_the_API_did_not_issue_shows_the_first_page_and_says_so()
    {
        // Well-formed (URL-safe base64) but not the API's: the API refuses it (HC0078) and the page starts over.
        var page = await shop.GetPageAsync("/cars?sort=price-asc&after=CfDJ8" + new string('Q', 120));
        var first = await shop.GetPageAsync("/cars?sort=price-asc");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(Cards(first), Cards(page));
        Assert.Contains("no longer works", page.Document.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_from_another_sort_does_not_open_in_this_one()
    {
        var priceFirst = await shop.GetPageAsync("/cars?sort=price-asc");
        var cursor = priceFirst.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!.Split("after=")[1];

        var page = await shop.GetPageAsync("/cars?sort=name&after=" + cursor);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(Cards(await shop.GetPageAsync("/cars?sort=name")), Cards(page));
    }

    [Fact]
    public async Task Posting_to_the_catalog_is_refused_with_a_client_error()
    {
        var page = await shop.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/cars") { Content = new StringContent("q=x") });

        Assert.InRange((int)page.Status, 400, 499);
    }

    private static List<string> Cards(ShopPage page) =>
        [.. page.Document.QuerySelectorAll("main ul[aria-labelledby=catalog-count] > li a[href^='/cars/']").Select(a => a.GetAttribute("href")!)];

    private static List<decimal> Prices(ShopPage page) =>
        [.. page.Document.QuerySelectorAll("main ul[aria-labelledby=catalog-count] > li data[value]").Select(d => decimal.Parse(d.GetAttribute("value")!, CultureInfo.InvariantCulture))];

    private static string Count(ShopPage page) => page.Document.QuerySelector("#catalog-count")!.TextContent.Trim();

    /// <summary>The count a facet's label shows, e.g. "Rally (9)".</summary>
    private static int FacetCount(ShopPage page, string name, string value)
    {
        var input = page.Document.QuerySelector($"input[name='{name}'][value='{value}']")!;
        var label = page.Document.QuerySelector($"label[for='{input.Id}'] span")!.TextContent;
        return int.Parse(label.Trim('(', ')', ' '), CultureInfo.InvariantCulture);
    }
}
