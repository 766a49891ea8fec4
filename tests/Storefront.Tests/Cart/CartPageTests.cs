using System.Net;
using AngleSharp;
using Diecast.Storefront.Cart;
using Diecast.Storefront.Tests.Infrastructure;
using ShopCart = Diecast.Storefront.Cart.Cart;

namespace Diecast.Storefront.Tests.Cart;

/// <summary>
/// The cart end to end in-process: the product page's form, /cart/add, the cart page priced by the real API
/// (checkoutQuote on PostgreSQL), its forms, and what the cookies carry.
/// </summary>
public sealed class CartPageTests(CartShop shop) : IClassFixture<CartShop>
{
    private Shopper NewShopper() => new(shop.Storefront);

    private static IReadOnlyList<string> Notices(ShopPage page) =>
        [.. page.Document.QuerySelectorAll("#cart-notices li").Select(li => li.TextContent.Trim())];

    private static (string Name, int Quantity, string LineTotal)[] Lines(ShopPage page) =>
        [.. page.Document.QuerySelectorAll("li[data-product-id]").Select(li => (
            li.QuerySelector("h3")!.TextContent.Trim(),
            int.Parse(li.QuerySelector("input[name=quantity]")!.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture),
            li.QuerySelector("[data-line-total] data")!.TextContent.Trim()))];

    private static string Total(ShopPage page) => page.Document.QuerySelector("#cart-total")!.TextContent.Trim();

    [Fact]
    public async Task Adding_from_the_product_page_puts_the_model_in_the_cart_priced_by_the_API()
    {
        var shopper = NewShopper();
        var car = await shop.NewProductAsync(stock: 6, price: 1250m);

        var added = await shopper.AddFromProductPageAsync(car, 2);

        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        Assert.Equal($"/cart?added={Uri.EscapeDataString(car.GlobalId)}", added.Headers.Location!.OriginalString);
        var cookie = Assert.Single(shopper.SetCookies, c => c.StartsWith(CartSession.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase); // the tests' storefront runs as Production
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=2592000", cookie, StringComparison.OrdinalIgnoreCase);
        var count = Assert.Single(shopper.SetCookies, c => c.StartsWith(CartSession.CountCookieName + "=", StringComparison.Ordinal));
        Assert.DoesNotContain("httponly", count, StringComparison.OrdinalIgnoreCase); // the header's script reads it
        Assert.Equal("2", shopper.Cookies[CartSession.CountCookieName]);

        var cart = await shopper.GetAsync(added.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, cart.Status);
        Assert.Equal([(car.Name, 2, "₹2,500")], Lines(cart));
        // 2,500 is under the free-shipping threshold (₹2,999): ₹99 shipping.
        Assert.Equal("₹2,599", Total(cart));
        Assert.Contains($"Added {car.Name} to your cart.", cart.Document.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/checkout", cart.Document.QuerySelector("#checkout-link")!.GetAttribute("href"));
        Assert.Empty(Notices(cart));
    }

    [Fact]
    public async Task The_cart_page_is_private_never_cached_and_not_indexed_and_product_pages_stay_shared()
    {
        var shopper = NewShopper();
        var car = await shop.NewProductAsync(stock: 3, price: 999m);

        var product = await shopper.GetAsync("/cars/" + car.Slug);
        await shopper.AddFromProductPageAsync(car, 1);
        var cart = await shopper.GetAsync("/cart");

        Assert.Equal("no-store, no-cache, private", cart.Response.Headers.CacheControl!.ToString());
        Assert.Equal("noindex", cart.Document.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        // The cached product page: no per-user token, no cookie, still public; its form posts to /cart/add.
        Assert.StartsWith("public", product.Response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.False(product.Response.Headers.Contains("Set-Cookie"));
        Assert.Null(product.Document.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("/cart/add", product.Document.QuerySelector("#purchase form")!.GetAttribute("action"));
        // The cart's own forms carry antiforgery tokens.
        Assert.NotEmpty(cart.Document.QuerySelectorAll("li[data-product-id] form input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task Listing_cards_add_to_the_cart_too_and_adding_again_adds_up_to_the_per_line_maximum()
    {
        var shopper = NewShopper();
        var catalog = await shopper.GetAsync("/cars");
        var form = catalog.Document.QuerySelectorAll("form[action='/cart/add']")[0];
        var productId = form.QuerySelector("input[name=productId]")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string>
        {
            ["productId"] = productId,
            ["price"] = form.QuerySelector("input[name=price]")!.GetAttribute("value")!,
            ["quantity"] = "1",
        };

        Assert.Equal(HttpStatusCode.SeeOther, (await shopper.PostFormAsync("/cart/add", fields)).StatusCode);
        fields["quantity"] = "25";
        Assert.Equal(HttpStatusCode.SeeOther, (await shopper.PostFormAsync("/cart/add", fields)).StatusCode);

        // One line of 10 (the per-line maximum), whatever the cart page later says about the demo product's stock.
        Assert.Equal("10", shopper.Cookies[CartSession.CountCookieName]);
    }

    [Fact]
    public async Task Changing_a_quantity_and_removing_a_line_work_as_plain_form_posts()
    {
        var shopper = NewShopper();
        var a = await shop.NewProductAsync(stock: 9, price: 500m);
        var b = await shop.NewProductAsync(stock: 9, price: 2000m);
        await shopper.AddFromProductPageAsync(a, 1);
        await shopper.AddFromProductPageAsync(b, 1);

        var changed = await shopper.SubmitLineAsync(a, "Update", "3");
        Assert.Equal(HttpStatusCode.SeeOther, changed.StatusCode);
        Assert.Equal("/cart", changed.Headers.Location!.OriginalString);
        var afterChange = await shopper.GetAsync("/cart");
        Assert.Equal([(a.Name, 3, "₹1,500"), (b.Name, 1, "₹2,000")], Lines(afterChange));
        Assert.Equal("₹3,500", Total(afterChange)); // over ₹2,999: free shipping
        Assert.Equal("4", shopper.Cookies[CartSession.CountCookieName]);

        Assert.Equal(HttpStatusCode.SeeOther, (await shopper.SubmitLineAsync(b, "Remove")).StatusCode);
        Assert.Equal([(a.Name, 3, "₹1,500")], Lines(await shopper.GetAsync("/cart")));

        Assert.Equal(HttpStatusCode.SeeOther, (await shopper.SubmitLineAsync(a, "Update", "0")).StatusCode);
        var empty = await shopper.GetAsync("/cart");
        Assert.NotNull(empty.Document.QuerySelector("#cart-empty"));
        Assert.Equal("/cars", empty.Document.QuerySelector("#cart-empty a")!.GetAttribute("href"));
        Assert.False(shopper.Cookies.ContainsKey(CartSession.CountCookieName));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("2.5")]
    [InlineData("")]
    public async Task A_quantity_that_is_not_a_whole_number_is_a_message_beside_the_field_and_changes_nothing(string quantity)
    {
        var shopper = NewShopper();
        var car = await shop.NewProductAsync(stock: 9, price: 700m);
        await shopper.AddFromProductPageAsync(car, 2);
        var before = shopper.CartCookie;

        var response = await shopper.SubmitLineAsync(car, "Update", quantity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        var field = document.QuerySelector($"li[data-product-id='{car.GlobalId}'] input[name=quantity]")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains("whole number", document.GetElementById(field.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, shopper.CartCookie);
        Assert.Equal(2, Assert.Single(Lines(await shopper.GetAsync("/cart"))).Quantity);
    }

    public static TheoryData<string> Tamperings => ["flipped character", "truncated", "garbage", "huge", "another storefront's keys", "empty"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_cookie_that_does_not_open_is_an_empty_cart_not_an_error(string kind)
    {
        var shopper = NewShopper();
        var car = await shop.NewProductAsync(stock: 9, price: 700m);
        await shopper.AddFromProductPageAsync(car, 2);
        var value = shopper.CartCookie!;
        var foreignKeys = Directory.CreateTempSubdirectory("diecast-foreign-keys-");
        try
        {
            if (kind == "another storefront's keys")
            {
                await using var foreign = shop.CreateStorefront(foreignKeys);
                var stranger = new Shopper(foreign);
                await stranger.AddFromProductPageAsync(car, 1);
                value = stranger.CartCookie!;
            }

            shopper.Cookies[CartSession.CookieName] = kind switch
            {
                "flipped character" => value[..20] + (value[20] == 'A' ? 'B' : 'A') + value[21..],
                "truncated" => value[..(value.Length / 2)],
                "garbage" => "hello-this-is-not-a-cart",
                "huge" => new string('x', 3900),
                "empty" => "\"\"",
                _ => value,
            };

            var cart = await shopper.GetAsync("/cart");

            Assert.Equal(HttpStatusCode.OK, cart.Status);
            Assert.NotNull(cart.Document.QuerySelector("#cart-empty"));
            // Adding starts a new cart rather than failing.
            Assert.Equal(HttpStatusCode.SeeOther, (await shopper.AddFromProductPageAsync(car, 1)).StatusCode);
            Assert.Equal(1, Assert.Single(Lines(await shopper.GetAsync("/cart"))).Quantity);
        }
        finally
        {
            foreignKeys.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_price_change_since_the_shopper_saw_it_is_said_once_with_both_prices()
    {
        var shopper = NewShopper();
        var car = await shop.NewProductAsync(stock: 9, price: 1499m);
        await shopper.AddFromProductPageAsync(car, 1);

        await shop.ChangeAsync(car, "price = 1799.50");
        var first = await shopper.GetAsync("/cart");
        var again = await shopper.GetAsync("/cart");
        await shop.ChangeAsync(car, "price = 1299");
        var down = await shopper.GetAsync("/cart");

        Assert.Equal([$"The price of {car.Name} went up from ₹1,499 to ₹1,799.50."], Notices(first));
        Assert.Equal("₹1,799.50", Assert.Single(Lines(first)).LineTotal);
        Assert.Empty(Notices(again));
        Assert.Equal([$"The price of {car.Name} went down from ₹1,799.50 to ₹1,299."], Notices(down));
    }

    [Theory]
    [InlineData("status = 'sold_out'", "has sold out")]
    [InlineData("stock_quantity = 0", "has sold out")]
    [InlineData("status = 'retired'", "has been retired")]
    [InlineData("archived_at = now()", "is no longer in our catalogue")]
    public async Task A_model_that_cannot_be_bought_any_more_is_taken_out_with_a_notice(string change, string said)
    {
        var shopper = NewShopper();
        var gone = await shop.NewProductAsync(stock: 4, price: 800m);
        var kept = await shop.NewProductAsync(stock: 4, price: 300m);
        await shopper.AddFromProductPageAsync(gone, 2);
        await shopper.AddFromProductPageAsync(kept, 1);

        await shop.ChangeAsync(gone, change);
        var cart = await shopper.GetAsync("/cart");

        var notice = Assert.Single(Notices(cart));
        Assert.Contains(said, notice, StringComparison.Ordinal);
        Assert.Contains(change.StartsWith("archived", StringComparison.Ordinal) ? "A model in your cart" : gone.Name, notice, StringComparison.Ordinal);
        Assert.Equal([(kept.Name, 1, "₹300")], Lines(cart));
        Assert.Equal("₹399", Total(cart));
        Assert.Equal("1", shopper.Cookies[CartSession.CountCookieName]);
        Assert.Empty(Notices(await shopper.GetAsync("/cart")));
    }

    [Fact]
    public async Task A_product_added_under_two_spellings_of_its_id_is_mended_to_one_line_not_a_cart_that_never_prices()
    {
        var shopper = NewShopper();
        var product = await shop.NewProductAsync(stock: 4, price: 800m);
        await shopper.AddFromProductPageAsync(product, 1);
        // A crafted add: the same product as "Product:0<id>", a different string the cookie cannot tell apart.
        var respelled = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Product:0{product.Id}"));
        await shopper.PostFormAsync("/cart/add", [new("productId", respelled), new("quantity", "2")]);

        var cart = await shopper.GetAsync("/cart");

        Assert.Equal(HttpStatusCode.OK, cart.Status);
        Assert.Single(Notices(cart));
        Assert.Equal([(product.Name, 1, "₹800")], Lines(cart));
        Assert.Empty(Notices(await shopper.GetAsync("/cart")));
    }

    [Fact]
    public async Task A_shopper_sent_back_from_a_refused_checkout_is_told_the_order_was_not_placed_even_when_the_cart_is_fine_again()
    {
        var shopper = NewShopper();
        var product = await shop.NewProductAsync(stock: 4, price: 800m);
        await shopper.AddFromProductPageAsync(product, 2);

        // The checkout's placeOrder was refused for stock, and units came free again before the cart page asked.
        var cart = await shopper.GetAsync("/cart?" + Diecast.Storefront.Cart.CartRegistration.NotPlacedQuery);

        Assert.Contains("Your order was not placed", Assert.Single(Notices(cart)), StringComparison.Ordinal);
        Assert.Equal([(product.Name, 2, "₹1,600")], Lines(cart));
    }

    [Fact]
    public async Task A_quantity_above_what_is_in_stock_is_reduced_to_it_with_a_notice()
    {
        var shopper = NewShopper();
        var car = await shop.NewProductAsync(stock: 8, price: 100m);
        await shopper.AddFromProductPageAsync(car, 6);

        await shop.ChangeAsync(car, "stock_quantity = 2");
        var cart = await shopper.GetAsync("/cart");

        Assert.Equal([$"Only 2 of {car.Name} can be bought now, so your cart holds 2 instead of the 6 you chose."], Notices(cart));
        Assert.Equal([(car.Name, 2, "₹200")], Lines(cart));
        Assert.Equal("2", shopper.Cookies[CartSession.CountCookieName]);
    }

    [Theory]
    // stock, quantity typed, what the line then holds, the one notice (placeholders: {0} the model's name)
    [InlineData(3, "25", 3, "Only 3 of {0} can be bought now, so your cart holds 3 instead of the 25 you chose.")]
    [InlineData(10, "11", 10, "One order can hold at most 10 of each model, so that line holds 10 instead of the 11 you chose.")]
    [InlineData(50, "25", 10, "One order can hold at most 10 of each model, so that line holds 10 instead of the 25 you chose.")]
    [InlineData(4, "7", 4, "Only 4 of {0} can be bought now, so your cart holds 4 instead of the 7 you chose.")]
    public async Task A_quantity_lowered_by_the_per_line_maximum_and_by_stock_gets_one_notice(int stock, string typed, int holds, string notice)
    {
        var shopper = NewShopper();
        var car = await shop.NewProductAsync(stock: stock, price: 100m);
        await shopper.AddFromProductPageAsync(car, 1);

        var changed = await shopper.SubmitLineAsync(car, "Update", typed);
        var cart = await shopper.GetAsync(changed.Headers.Location!.OriginalString);

        Assert.Equal([string.Format(System.Globalization.CultureInfo.InvariantCulture, notice, car.Name)], Notices(cart));
        Assert.Equal(holds, Assert.Single(Lines(cart)).Quantity);
    }

    public static TheoryData<string?, string?, string?> CrossSiteHeaders => new()
    {
        { "https://evil.example", "cross-site", null },
        { "https://evil.example", null, null },
        { null, "same-site", null },
        { "null", null, null },
        { null, null, null },
        { null, null, "https://evil.example/page" },
        { "http://localhost.evil.example", null, null },
    };

    [Theory]
    [MemberData(nameof(CrossSiteHeaders))]
    public async Task A_cross_site_post_changes_nothing(string? origin, string? fetchSite, string? referer)
    {
        var shopper = NewShopper();
        var car = await shop.NewProductAsync(stock: 9, price: 100m);
        await shopper.AddFromProductPageAsync(car, 1);
        var before = shopper.CartCookie;

        var add = new HttpRequestMessage(HttpMethod.Post, "/cart/add")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["productId"] = car.GlobalId, ["quantity"] = "3" }),
        };
        if (origin is not null)
        {
            add.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            add.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        if (referer is not null)
        {
            add.Headers.Referrer = new Uri(referer);
        }

        var added = await shopper.SendAsync(add);
        Assert.Equal(HttpStatusCode.Forbidden, added.StatusCode);
        Assert.Empty(added.Headers.TryGetValues("Set-Cookie", out var set) ? set : []);

        // The cart page's own forms too, even with a valid antiforgery token.
        var removed = await shopper.SubmitLineAsync(car, "Remove", origin: origin, fetchSite: fetchSite);
        Assert.Equal(HttpStatusCode.Forbidden, removed.StatusCode);

        Assert.Equal(before, shopper.CartCookie);
        Assert.Equal(1, Assert.Single(Lines(await shopper.GetAsync("/cart"))).Quantity);
    }

    [Fact]
    public async Task A_post_from_the_shops_public_origin_or_by_Referer_alone_is_accepted()
    {
        var shopper = NewShopper();
        var car = await shop.NewProductAsync(stock: 9, price: 100m);
        var fields = new Dictionary<string, string> { ["productId"] = car.GlobalId, ["quantity"] = "1" };

        // Storefront__PublicBaseUrl's origin (behind a proxy the request's Host differs), and an old browser's Referer.
        Assert.Equal(HttpStatusCode.SeeOther, (await shopper.PostFormAsync("/cart/add", fields, origin: "https://shop.example", fetchSite: null)).StatusCode);
        var byReferer = new HttpRequestMessage(HttpMethod.Post, "/cart/add") { Content = new FormUrlEncodedContent(fields) };
        byReferer.Headers.Referrer = new Uri("http://localhost/cars");
        Assert.Equal(HttpStatusCode.SeeOther, (await shopper.SendAsync(byReferer)).StatusCode);

        Assert.Equal("2", shopper.Cookies[CartSession.CountCookieName]);
    }

    [Theory]
    [InlineData("", "1")]
    [InlineData("not an id!", "1")]
    [InlineData("UHJvZHVjdDox", "zero")]
    [InlineData("UHJvZHVjdDox", "0")]
    [InlineData("UHJvZHVjdDox", "-2")]
    public async Task A_malformed_add_is_a_400_and_writes_no_cookie(string productId, string quantity)
    {
        var shopper = NewShopper();

        var response = await shopper.PostFormAsync("/cart/add", new Dictionary<string, string> { ["productId"] = productId, ["quantity"] = quantity });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(shopper.SetCookies);
    }

    [Fact]
    public async Task A_full_cart_refuses_a_51st_model_and_says_why()
    {
        var shopper = NewShopper();
        var seal = shop.Storefront.Services.GetRequiredService<CartCookie>();
        var full = ShopCart.Empty;
        for (var i = 0; i < ShopCart.MaxLines; i++)
        {
            full = full.Add(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Product:{900_000 + i}")), 1, null, 10)!;
        }

        shopper.Cookies[CartSession.CookieName] = seal.Seal(full)!;
        var car = await shop.NewProductAsync(stock: 9, price: 100m);

        var response = await shopper.AddFromProductPageAsync(car, 1);

        Assert.Equal("/cart?full=1", response.Headers.Location!.OriginalString);
        Assert.Empty(shopper.SetCookies);
    }

    [Fact]
    public async Task Two_storefront_instances_on_one_key_folder_serve_the_same_cart()
    {
        var shopper = NewShopper();
        var car = await shop.NewProductAsync(stock: 9, price: 450m);
        await shopper.AddFromProductPageAsync(car, 3);

        // A second instance (its own memory and services) on the same folder: the cookie the first wrote opens there,
        // and a change made there opens back on the first.
        await using var second = shop.CreateStorefront(shop.Keys);
        shopper.Storefront = second;
        var there = await shopper.GetAsync("/cart");
        Assert.Equal([(car.Name, 3, "₹1,350")], Lines(there));
        await shopper.SubmitLineAsync(car, "Update", "1");

        shopper.Storefront = shop.Storefront;
        Assert.Equal([(car.Name, 1, "₹450")], Lines(await shopper.GetAsync("/cart")));
    }

    [Fact]
    public async Task Every_page_carries_the_header_count_hook_and_the_count_cookie_follows_the_cart()
    {
        var shopper = NewShopper();
        var car = await shop.NewProductAsync(stock: 9, price: 450m);
        var home = await shopper.GetAsync("/");
        Assert.NotNull(home.Document.QuerySelector("a#cart-link[href='/cart'] span#cart-count"));
        Assert.Contains("diecast_cart_count", home.Document.QuerySelector("header script")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Cart", home.Document.QuerySelector("a#cart-link")!.TextContent.Trim()); // without JS

        await shopper.AddFromProductPageAsync(car, 2);
        Assert.Equal("2", shopper.Cookies[CartSession.CountCookieName]);
        await shopper.SubmitLineAsync(car, "Update", "5");
        Assert.Equal("5", shopper.Cookies[CartSession.CountCookieName]);
        await shopper.SubmitLineAsync(car, "Remove");
        Assert.False(shopper.Cookies.ContainsKey(CartSession.CountCookieName));
    }

    [Fact]
    public async Task When_the_API_cannot_price_the_cart_the_page_says_try_again_and_keeps_the_cart()
    {
        var shopper = NewShopper();
        var car = await shop.NewProductAsync(stock: 9, price: 450m);
        await shopper.AddFromProductPageAsync(car, 2);
        var before = shopper.CartCookie;

        // Another instance on the same keys whose API is down (every call fails at the connection).
        await using var cut = shop.CreateStorefront(shop.Keys, services => services.AddHttpClient("DiecastClient")
            .ConfigurePrimaryHttpMessageHandler(() => new UnreachableApi()));
        shopper.Storefront = cut;
        var page = await shopper.GetAsync("/cart");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Contains("couldn't price your cart", page.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("no-store, no-cache, private", page.Response.Headers.CacheControl!.ToString());
        Assert.Equal(before, shopper.CartCookie);
        Assert.DoesNotContain(shopper.SetCookies, c => c.StartsWith("diecast_", StringComparison.Ordinal));

        shopper.Storefront = shop.Storefront;
        Assert.Equal(2, Assert.Single(Lines(await shopper.GetAsync("/cart"))).Quantity);
    }

    private sealed class UnreachableApi : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (the test's API is down).");
    }
}
