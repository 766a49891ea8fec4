using System.Net;
using Diecast.Storefront.Components;
using Diecast.Storefront.Tests.Infrastructure;

namespace Diecast.Storefront.Tests.Pages;

/// <summary>/cars/{slug} against the demo shop: what a shopper reads, what search engines read, and 404s.</summary>
[Collection(ShopCollection.Name)]
public sealed class ProductPageTests(ShopFixture shop)
{
    private const string Zonda = "autoart-pagani-zonda-r-1-18";

    [Fact]
    public async Task The_product_page_shows_the_model_the_real_car_price_and_scarcity()
    {
        var page = await shop.GetPageAsync("/cars/" + Zonda);
        var main = page.Document.QuerySelector("main")!;

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Pagani Zonda R (2009) 1:18", main.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("₹27,999", main.QuerySelector("data[value='27999.00']")!.TextContent);
        // The demo Zonda has 4 in stock: few enough (at most 5) to say so.
        Assert.Equal("Only 4 left", main.QuerySelector("#availability")!.TextContent.Trim());
        var details = main.QuerySelectorAll("dl dt").Select(dt => (dt.TextContent, dt.NextElementSibling!.TextContent)).ToList();
        Assert.Contains(("Make", "Pagani"), details);
        Assert.Contains(("Model", "Zonda R"), details);
        Assert.Contains(("Year", "2009"), details);
        Assert.Contains(("Scale", "1:18"), details);
        Assert.Contains(("Brand", "AutoArt"), details);
        Assert.Contains("AMG-sourced 6.0-litre V12", main.TextContent, StringComparison.Ordinal);
        Assert.Equal("/cars?genre=supercar", main.QuerySelector("dl a")!.GetAttribute("href"));
        PageAssertions.HeadingsAreInOrder(page.Document);
    }

    [Fact]
    public async Task The_gallery_shows_every_picture_the_first_eager_and_high_priority_the_rest_lazy()
    {
        var page = await shop.GetPageAsync("/cars/" + Zonda);
        var pictures = page.Document.QuerySelectorAll("section[aria-label=Pictures] img").ToList();

        Assert.NotEmpty(pictures);
        Assert.Equal("high", pictures[0].GetAttribute("fetchpriority"));
        Assert.Null(pictures[0].GetAttribute("loading"));
        Assert.All(pictures.Skip(1), img => Assert.Equal("lazy", img.GetAttribute("loading")));
        var preload = Assert.Single(page.Document.Head!.QuerySelectorAll("link[rel=preload][as=image]"));
        Assert.Equal(pictures[0].GetAttribute("srcset"), preload.GetAttribute("imagesrcset"));
        Assert.Equal(pictures[0].GetAttribute("sizes"), preload.GetAttribute("imagesizes"));
        Assert.Equal("high", preload.GetAttribute("fetchpriority"));
        Assert.All(pictures, img =>
        {
            Assert.Contains("w,", img.GetAttribute("srcset") ?? "", StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(img.GetAttribute("sizes")));
            Assert.False(string.IsNullOrWhiteSpace(img.GetAttribute("alt")));
        });
        PageAssertions.ImagesAreSized(page.Document);
    }

    [Fact]
    public async Task JSON_LD_describes_the_product_with_its_offer_and_the_breadcrumb_trail()
    {
        var page = await shop.GetPageAsync("/cars/" + Zonda);
        var product = PageAssertions.JsonLdOfType(page.Document, "Product");
        var crumbs = PageAssertions.JsonLdOfType(page.Document, "BreadcrumbList");
        var canonical = $"{ShopFixture.PublicBaseUrl}/cars/{Zonda}";

        Assert.Equal("Pagani Zonda R (2009) 1:18", product.GetProperty("name").GetString());
        Assert.Equal(canonical, product.GetProperty("url").GetString());
        Assert.Equal("AutoArt", product.GetProperty("brand").GetProperty("name").GetString());
        // The API has no SKU, and the GraphQL ID is not one: better none than a wrong one.
        Assert.False(product.TryGetProperty("sku", out _));
        var offer = product.GetProperty("offers");
        Assert.Equal("27999.00", offer.GetProperty("price").GetString());
        Assert.Equal("INR", offer.GetProperty("priceCurrency").GetString());
        Assert.Equal("https://schema.org/LimitedAvailability", offer.GetProperty("availability").GetString());
        Assert.All(product.GetProperty("image").EnumerateArray(), image => Assert.StartsWith("http", image.GetString(), StringComparison.Ordinal));

        var items = crumbs.GetProperty("itemListElement").EnumerateArray().ToList();
        Assert.Equal(["Home", "Cars", "Supercars", "Pagani Zonda R (2009) 1:18"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal([1, 2, 3, 4], items.Select(i => i.GetProperty("position").GetInt32()));
        Assert.Equal(canonical, items[^1].GetProperty("item").GetString());
        // The visible trail is the same one.
        Assert.Equal(["Home", "Cars", "Supercars", "Pagani Zonda R (2009) 1:18"],
            page.Document.QuerySelectorAll("nav[aria-label=Breadcrumb] li").Select(li => li.TextContent.Replace("/", "", StringComparison.Ordinal).Trim()));

        Assert.Equal(canonical, PageAssertions.Meta(page.Document, "link[rel=canonical]", "href"));
        Assert.Equal("product", PageAssertions.Meta(page.Document, "meta[property='og:type']"));
        Assert.StartsWith("http", PageAssertions.Meta(page.Document, "meta[property='og:image']"), StringComparison.Ordinal);
        Assert.Contains("Zonda R", page.Document.Title, StringComparison.Ordinal);
        Assert.InRange(PageAssertions.Meta(page.Document, "meta[name=description]")!.Length, 50, 160);
    }

    [Theory]
    [InlineData("autoart-toyota-supra-jza80-1-18", "Pre-order", "https://schema.org/PreOrder")]
    [InlineData("autoart-mitsubishi-lancer-evolution-vi-wrc-1-18", "Sold out", "https://schema.org/OutOfStock")]
    [InlineData("kyosho-ferrari-250-gto-1-18", "Retired: no longer made", "https://schema.org/Discontinued")]
    [InlineData("minichamps-mclaren-mp4-4-1-18", "Only 3 left", "https://schema.org/LimitedAvailability")]
    public async Task Availability_is_told_the_same_to_shoppers_and_to_search_engines(string slug, string label, string schemaOrg)
    {
        var page = await shop.GetPageAsync("/cars/" + slug);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(label, page.Document.QuerySelector("#availability")!.TextContent.Trim());
        Assert.Equal(schemaOrg, PageAssertions.JsonLdOfType(page.Document, "Product").GetProperty("offers").GetProperty("availability").GetString());
    }

    [Fact]
    public async Task Paise_are_shown_only_when_the_price_is_not_whole()
    {
        var page = await shop.GetPageAsync("/cars/hot-wheels-pontiac-firebird-trans-am-k-i-t-t-1-64");

        Assert.Equal("₹449.50", page.Document.QuerySelector("main data[value='449.50']")!.TextContent);
        Assert.Equal("449.50", PageAssertions.JsonLdOfType(page.Document, "Product").GetProperty("offers").GetProperty("price").GetString());
    }

    [Fact]
    public async Task Related_cars_share_the_genre_or_brand_and_never_repeat_the_product()
    {
        var page = await shop.GetPageAsync("/cars/" + Zonda);
        var related = page.Document.QuerySelectorAll("section[aria-labelledby=related-heading] article h3 a").Select(a => a.GetAttribute("href")!).ToList();

        Assert.InRange(related.Count, 1, 4);
        Assert.DoesNotContain("/cars/" + Zonda, related);
        foreach (var href in related)
        {
            var other = await shop.GetPageAsync(href);
            var facts = other.Document.QuerySelectorAll("dl dd").Select(dd => dd.TextContent).ToList();
            Assert.True(facts.Contains("AutoArt") || facts.Contains("Supercars"), $"{href} shares neither brand nor genre: {string.Join(", ", facts)}");
        }
    }

    [Fact]
    public async Task The_purchase_section_adds_to_the_cart_with_a_quantity_and_no_per_user_token()
    {
        var page = await shop.GetPageAsync("/cars/" + Zonda);
        var form = page.Document.QuerySelector("section#purchase form")!;
        var product = (await shop.QueryAsync("query($slug: String!) { productBySlug(slug: $slug) { id price fewLeft } }", new { slug = Zonda })).GetProperty("productBySlug");

        Assert.Equal(("post", "/cart/add"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal(product.GetProperty("id").GetString(), form.QuerySelector("input[name=productId]")!.GetAttribute("value"));
        var most = product.GetProperty("fewLeft").ValueKind == System.Text.Json.JsonValueKind.Number ? product.GetProperty("fewLeft").GetInt32() : 10;
        Assert.Equal(Enumerable.Range(1, most).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            form.QuerySelectorAll("select[name=quantity] option").Select(o => o.GetAttribute("value")));
        Assert.Equal("add-quantity", form.QuerySelector("label")!.GetAttribute("for"));
        Assert.Equal("Add to cart", form.QuerySelector("button[type=submit]")!.TextContent.Trim());
        // The page is shared by every shopper: no antiforgery token (the endpoint checks the origin instead).
        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task A_model_that_cannot_be_ordered_offers_no_add_to_cart_and_a_pre_order_says_so()
    {
        var soldOut = (await shop.QueryAsync("{ products(where: { status: { in: [SOLD_OUT, RETIRED] } }, first: 1) { nodes { slug } } }"))
            .GetProperty("products").GetProperty("nodes")[0].GetProperty("slug").GetString();

        var unavailable = await shop.GetPageAsync("/cars/" + soldOut);
        var preOrder = await shop.GetPageAsync("/cars/autoart-toyota-supra-jza80-1-18");

        Assert.Empty(unavailable.Document.QuerySelectorAll("section#purchase form, section#purchase button"));
        Assert.Contains("can't be ordered now", unavailable.Document.QuerySelector("section#purchase")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Pre-order: add to cart", preOrder.Document.QuerySelector("section#purchase button[type=submit]")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("/cars/no-such-car")]
    [InlineData("/cars/autoart-pagani-zonda-r-1-18-")]
    [InlineData("/cars/AUTOART_PAGANI")]
    [InlineData("/cars/autoart-pagani-zonda-r-1-1%E2%84%AA")] // a Kelvin sign, which lower-cases to "k" outside ASCII
    [InlineData("/cars/%C3%A9t%C3%A9")]
    [InlineData("/cars/..%2F..%2Fetc%2Fpasswd")]
    public async Task An_unknown_slug_is_the_404_page_with_links_back_into_the_shop(string path)
    {
        var page = await shop.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.Document.QuerySelector("h1")!.TextContent.Trim());
        var links = page.Document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/", links);
        Assert.Contains("/cars", links);
        Assert.Equal("noindex", PageAssertions.Meta(page.Document, "meta[name=robots]"));
    }

    [Theory]
    [InlineData("/cars/AUTOART-PAGANI-ZONDA-R-1-18", "/cars/autoart-pagani-zonda-r-1-18")]
    [InlineData("/cars/AutoArt-Pagani-Zonda-R-1-18", "/cars/autoart-pagani-zonda-r-1-18")]
    [InlineData("/cars/Autoart-pagani-zonda-r-1-18?utm_source=mail", "/cars/autoart-pagani-zonda-r-1-18?utm_source=mail")]
    [InlineData("/cars/No-Such-Car", "/cars/no-such-car")]
    public async Task A_slug_in_capitals_is_sent_on_to_the_lower_case_address(string path, string location)
    {
        var (storefront, recorder) = shop.CreateRecordedStorefront();
        await using var shopfront = storefront;

        var page = await ShopFixture.GetPageAsync(storefront, path);

        // Permanent, before asking the API: the lower-case address answers for the product (or is its 404).
        Assert.Equal(HttpStatusCode.MovedPermanently, page.Status);
        Assert.Equal(location, page.Response.Headers.Location!.OriginalString);
        Assert.Empty(recorder.Operations);
    }

    [Fact]
    public async Task A_very_long_slug_is_a_404_without_asking_the_API()
    {
        var (storefront, recorder) = shop.CreateRecordedStorefront();
        await using var shopfront = storefront;

        var page = await ShopFixture.GetPageAsync(storefront, "/cars/" + new string('a', 5000));

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Empty(recorder.Operations);
    }

    [Theory]
    [InlineData(129999, "₹1,29,999")]
    [InlineData(1234567.89, "₹12,34,567.89")]
    [InlineData(449.5, "₹449.50")]
    [InlineData(999, "₹999")]
    [InlineData(100000, "₹1,00,000")]
    [InlineData(0.5, "₹0.50")]
    public void Money_is_written_with_Indian_digit_grouping(double rupees, string expected) =>
        Assert.Equal(expected, Money.Format((decimal)rupees));
}
