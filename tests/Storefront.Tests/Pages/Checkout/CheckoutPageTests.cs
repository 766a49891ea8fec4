using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Diecast.Storefront.Components;
using Diecast.Storefront.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Diecast.Storefront.Tests.Pages.Checkout;

/// <summary>
/// /checkout through a shopper's cookies: the cart filled by the real add-to-cart endpoint, the form posted with its
/// antiforgery token, orders placed on the real API (its PostgreSQL, the fake Razorpay).
/// </summary>
[Collection(OrderShopCollection.Name)]
public sealed class CheckoutPageTests(OrderShop shop)
{
    private static readonly Dictionary<string, string> GoodForm = new()
    {
        ["Name"] = "Ananya Sharma",
        ["Email"] = "ananya@example.com",
        ["Phone"] = "98765 43210",
        ["Line1"] = "12 Marine Drive",
        ["Line2"] = "Flat 4B",
        ["City"] = "Mumbai",
        ["State"] = "MAHARASHTRA",
        ["PostalCode"] = "400 002",
    };

    private HttpClient Browser() =>
        shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });

    private static async Task AddToCartAsync(HttpClient browser, string productId, int quantity = 1, decimal? seenPrice = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cart/add")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["productId"] = productId,
                ["quantity"] = quantity.ToString(CultureInfo.InvariantCulture),
                ["price"] = seenPrice?.ToString(CultureInfo.InvariantCulture) ?? "",
            }),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    private static async Task<ShopPage> GetCheckoutAsync(HttpClient browser) => await OrderShop.ParseAsync(await browser.GetAsync("/checkout"), "/checkout");

    /// <summary>Posts the checkout form as the page rendered it (token, quoted total), with <paramref name="fields"/>.</summary>
    /// <remarks>With the headers a browser sends from the shop's own page (<paramref name="origin"/>, <paramref name="fetchSite"/>; null: not sent).</remarks>
    private static async Task<HttpResponseMessage> PostCheckoutAsync(
        HttpClient browser, IDocument form, IReadOnlyDictionary<string, string> fields, string? origin = null, string? fetchSite = "same-origin")
    {
        var values = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["QuotedTotal"] = form.QuerySelector("input[name=QuotedTotal]")!.GetAttribute("value")!,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/checkout") { Content = new FormUrlEncodedContent(values) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return await browser.SendAsync(request);
    }

    private async Task<long> OrdersOfAsync(string email)
    {
        await using var connection = new NpgsqlConnection(shop.Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orders WHERE customer_email = @e", connection);
        command.Parameters.AddWithValue("e", email);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Unique(string name) => name.Replace("@", $"+{Guid.NewGuid():N}@", StringComparison.Ordinal);

    [Fact]
    public async Task An_empty_cart_is_sent_to_the_cart_page()
    {
        using var browser = Browser();
        using var response = await browser.GetAsync("/checkout");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/cart", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_page_shows_the_apis_summary_and_a_form_made_for_phones()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        using var browser = Browser();
        await AddToCartAsync(browser, product.Id, 2);

        var page = await GetCheckoutAsync(browser);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("no-store, no-cache, private", page.Response.Headers.CacheControl!.ToString());
        var quote = (await shop.QueryAsync("query($i: [PlaceOrderItemInput!]!) { checkoutQuote(items: $i) { total shippingFee } }",
            new { i = new[] { new { productId = product.Id, quantity = 2 } } })).GetProperty("checkoutQuote");
        Assert.Equal(Money.Format(quote.GetProperty("total").GetDecimal()), page.Document.QuerySelector("#checkout-total")!.TextContent.Trim());
        Assert.Contains(product.Name, page.Document.QuerySelector("#checkout-lines")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(quote.GetProperty("total").GetDecimal().ToString("0.00", CultureInfo.InvariantCulture), page.Document.QuerySelector("input[name=QuotedTotal]")!.GetAttribute("value"));
        Assert.NotNull(page.Document.QuerySelector("form#checkout-form input[name=__RequestVerificationToken]"));
        var expected = new Dictionary<string, (string Autocomplete, string? InputMode)>
        {
            ["Name"] = ("name", null), ["Email"] = ("email", "email"), ["Phone"] = ("tel", "tel"), ["Line1"] = ("address-line1", null),
            ["Line2"] = ("address-line2", null), ["City"] = ("address-level2", null), ["State"] = ("address-level1", null), ["PostalCode"] = ("postal-code", "numeric"),
        };
        foreach (var (name, (autocomplete, inputMode)) in expected)
        {
            var field = page.Document.QuerySelector($"[name={name}]")!;
            Assert.Equal(autocomplete, field.GetAttribute("autocomplete"));
            Assert.Equal(inputMode, field.GetAttribute("inputmode"));
            Assert.NotNull(page.Document.QuerySelector($"label[for={field.Id}]"));
        }

        Assert.Equal(36, page.Document.QuerySelectorAll("#checkout-state option[value]:not([value=''])").Length);
        Assert.Contains(page.Document.QuerySelectorAll("#checkout-state option"), o => o.GetAttribute("value") == "JAMMU_AND_KASHMIR" && o.TextContent == "Jammu and Kashmir");
        PageAssertions.HeadingsAreInOrder(page.Document);
    }

    public static TheoryData<string, string, string> BadFields => new()
    {
        // field, value posted, message expected beside it (part of it)
        { "Name", "", "Enter your full name" },
        { "Name", new string('a', 121), "120 characters" },
        { "Email", "", "Enter your email" },
        { "Email", "ananya.example.com", "like name@example.com" },
        { "Email", "ananya@example", "like name@example.com" },
        { "Phone", "", "Enter a mobile number" },
        { "Phone", "12345 67890", "10-digit Indian mobile" },
        { "Phone", "98765 4321", "10-digit Indian mobile" },
        { "Phone", "९८७६५४३२१०", "10-digit Indian mobile" },
        { "Line1", "   ", "house number and street" },
        { "City", "", "city or town" },
        { "State", "", "Choose the state" },
        { "State", "CALIFORNIA", "Choose the state" },
        { "PostalCode", "", "6-digit PIN code" },
        { "PostalCode", "012345", "does not start with 0" },
        { "PostalCode", "40000", "does not start with 0" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_gets_its_message_beside_it_every_value_is_kept_and_nothing_is_placed(string field, string value, string message)
    {
        var product = (await shop.ProductsInStockAsync())[0];
        using var browser = Browser();
        await AddToCartAsync(browser, product.Id);
        var form = await GetCheckoutAsync(browser);
        var email = Unique("bad@example.com");
        var fields = new Dictionary<string, string>(GoodForm) { ["Email"] = email };
        fields[field] = value;

        using var response = await PostCheckoutAsync(browser, form.Document, fields);
        var page = await OrderShop.ParseAsync(response, "/checkout");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        var id = "checkout-" + (field == "PostalCode" ? "postal-code" : field.ToLowerInvariant());
        Assert.Contains(message, page.Document.QuerySelector($"#{id}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.Document.QuerySelector("#" + id)!.GetAttribute("aria-invalid"));
        Assert.Contains(id + "-error", page.Document.QuerySelector("#" + id)!.GetAttribute("aria-describedby")!, StringComparison.Ordinal);
        Assert.Single(page.Document.QuerySelectorAll(".field-error"));
        foreach (var (name, kept) in fields.Where(f => f.Key is not "State" && f.Key != field))
        {
            Assert.Equal(kept.Trim(), page.Document.QuerySelector($"input[name={name}]")!.GetAttribute("value"));
        }

        Assert.Equal(0, await OrdersOfAsync(email.Trim()));
        Assert.NotEqual(HttpStatusCode.SeeOther, (await browser.GetAsync("/checkout")).StatusCode);
    }

    private const string OneLine = "Type this on one line, without line breaks or tabs.";
    private const string Hidden = "This has hidden text-direction characters in it (they can come along when text is pasted). Please type it again.";

    public static TheoryData<string, string, string> ApiRuleFaults => new()
    {
        // What the API refuses (its InputRules.Text and email rule), each kind on each text field: said in shopper words.
        { "Name", "Asha \u202ERao", Hidden },
        { "Name", "Asha\tRao", OneLine },
        { "Name", "\u200B\u200D\u2060", "Enter your full name." },
        { "City", "Mum\u0007bai", OneLine },
        { "City", "Mumbai\u2066", Hidden },
        { "City", "\u200B", "Enter the city or town." },
        { "Line1", "12 Marine \u202EDrive", Hidden },
        { "Line1", "12 Marine\nDrive", OneLine },
        { "Line1", "\uFEFF\u200C", "Enter the house number and street." },
        { "Line2", "Flat\r4B", OneLine },
        { "Line2", "Flat \u202D4B", Hidden },
        { "Line2", "\u200B\u200B", "Enter an area or landmark, or leave this empty." },
        { "Email", "asha\u202E@example.com", "Enter an email address like name@example.com." },
        { "Email", "asha@exämple.com", "Enter an email address like name@example.com." },
    };

    [Theory]
    [MemberData(nameof(ApiRuleFaults))]
    public async Task What_the_API_would_refuse_is_said_beside_the_field_in_the_shoppers_words(string field, string value, string message)
    {
        var product = (await shop.ProductsInStockAsync())[0];
        using var browser = Browser();
        await AddToCartAsync(browser, product.Id);
        var form = await GetCheckoutAsync(browser);
        var email = Unique("apicheck@example.com");
        var fields = new Dictionary<string, string>(GoodForm) { ["Email"] = email, [field] = value };

        using var response = await PostCheckoutAsync(browser, form.Document, fields);
        var page = await OrderShop.ParseAsync(response, "/checkout");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(message, page.Document.QuerySelector($"#checkout-{field.ToLowerInvariant()}-error")!.TextContent.Trim());
        Assert.Single(page.Document.QuerySelectorAll(".field-error"));
        // Never the API's developer wording.
        foreach (var apiWords in new[] { "must not contain", "control characters", "bidirectional", "U+202A", "must contain a visible", "must be an email" })
        {
            Assert.DoesNotContain(apiWords, page.Document.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(0, await OrdersOfAsync(field == "Email" ? value : email));
    }

    [Fact]
    public void A_refusal_only_the_API_makes_reads_in_shopper_words_for_every_field()
    {
        string[] apiMessages = ["name must not contain control characters such as line breaks or tabs.", "email must be an email address, e.g. asha@example.com."];
        foreach (var field in new[] { "Name", "Email", "Phone", "Line1", "Line2", "City", "State", "PostalCode", "SomethingNew" })
        {
            var message = Diecast.Storefront.Pages.Checkout.CheckoutForm.ApiRefusalMessage(field);
            Assert.False(string.IsNullOrWhiteSpace(message));
            Assert.DoesNotContain(message, apiMessages);
            Assert.DoesNotContain(field, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_places_nothing()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        using var browser = Browser();
        await AddToCartAsync(browser, product.Id);
        var email = Unique("csrf@example.com");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/checkout") { Content = new FormUrlEncodedContent(new Dictionary<string, string>(GoodForm) { ["Email"] = email }) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await OrdersOfAsync(email));
    }

    public static TheoryData<string?, string?> CrossSiteHeaders => new()
    {
        // Origin, Sec-Fetch-Site: what a form on another site makes the browser send (or nothing at all).
        { "https://evil.example", "cross-site" },
        { "https://evil.example", null },
        { null, "same-site" },
        { "null", null },
        { null, null },
        { "https://localhost.evil.example", null },
    };

    [Theory]
    [MemberData(nameof(CrossSiteHeaders))]
    public async Task A_cross_site_post_with_a_valid_token_is_refused_and_places_nothing(string? origin, string? fetchSite)
    {
        var product = (await shop.ProductsInStockAsync())[0];
        using var browser = Browser();
        await AddToCartAsync(browser, product.Id);
        var form = await GetCheckoutAsync(browser);
        var email = Unique("crosssite@example.com");

        using var response = await PostCheckoutAsync(browser, form.Document, new Dictionary<string, string>(GoodForm) { ["Email"] = email }, origin, fetchSite);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : []);
        Assert.Equal(0, await OrdersOfAsync(email));
        // The same form from the shop's own page still places the order: only the origin was wrong.
        using var placed = await PostCheckoutAsync(browser, form.Document, new Dictionary<string, string>(GoodForm) { ["Email"] = email }, "https://localhost", fetchSite: null);
        Assert.Equal(HttpStatusCode.SeeOther, placed.StatusCode);
        Assert.Equal(1, await OrdersOfAsync(email));
    }

    [Fact]
    public async Task Placing_empties_the_cart_and_goes_to_the_order_page_and_the_cart_never_comes_back()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        using var browser = Browser();
        await AddToCartAsync(browser, product.Id, 2);
        var form = await GetCheckoutAsync(browser);
        var email = Unique("place@example.com");
        var fields = new Dictionary<string, string>(GoodForm) { ["Email"] = email };

        using var placed = await PostCheckoutAsync(browser, form.Document, fields);

        Assert.Equal(HttpStatusCode.SeeOther, placed.StatusCode);
        var orderUrl = placed.Headers.Location!.OriginalString;
        Assert.StartsWith("/orders/", orderUrl, StringComparison.Ordinal);
        var order = await OrderShop.ParseAsync(await browser.GetAsync(orderUrl), orderUrl);
        Assert.Equal("2", order.Document.QuerySelectorAll("#order-items tbody td")[1].TextContent);
        Assert.NotNull(order.Document.QuerySelector("#pay-button"));
        Assert.Equal(1, await OrdersOfAsync(email));
        // The cart is new and empty: checkout sends the shopper to the cart page, the back button's re-POST places nothing.
        Assert.Equal("/cart", (await browser.GetAsync("/checkout")).Headers.Location!.OriginalString);
        using var again = await PostCheckoutAsync(browser, form.Document, fields);
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal("/cart", again.Headers.Location!.OriginalString);
        Assert.Equal(1, await OrdersOfAsync(email));
    }

    [Fact]
    public async Task An_old_cart_cookie_sent_again_with_other_details_shows_where_to_go_not_the_stale_form()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        var jar = new CookieContainer();
        var origin = new Uri("https://localhost");
        async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? cookies = null)
        {
            if ((cookies ?? jar.GetCookieHeader(origin)) is { Length: > 0 } header)
            {
                request.Headers.Add("Cookie", header);
            }

            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            var response = await browser.SendAsync(request);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                jar.SetCookies(origin, cookie);
            }

            return response;
        }

        using (var add = new HttpRequestMessage(HttpMethod.Post, "/cart/add") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["productId"] = product.Id, ["quantity"] = "1" }) })
        {
            (await SendAsync(add)).Dispose();
        }

        var form = await OrderShop.ParseAsync(await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/checkout")), "/checkout");
        var oldCart = jar.GetCookieHeader(origin);
        HttpRequestMessage Post(string email) => new(HttpMethod.Post, "/checkout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(GoodForm)
            {
                ["Email"] = email,
                ["__RequestVerificationToken"] = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
                ["QuotedTotal"] = form.Document.QuerySelector("input[name=QuotedTotal]")!.GetAttribute("value")!,
            }),
        };
        var first = Unique("first@example.com");
        using (var placed = await SendAsync(Post(first)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, placed.StatusCode);
        }

        // The cart cookie as it was before the order, sent again with another email (a restored tab, a copied cookie).
        var second = Unique("second@example.com");
        using var again = await SendAsync(Post(second), oldCart);
        var page = await OrderShop.ParseAsync(again, "/checkout");

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("already been ordered", page.Document.QuerySelector("#checkout-notices")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("#checkout-form"));
        Assert.Null(page.Document.QuerySelector("#place-order"));
        Assert.Null(page.Document.QuerySelector("#checkout-lines"));
        Assert.Null(page.Document.QuerySelector("#checkout-error-summary"));
        var links = page.Document.QuerySelectorAll("#already-ordered a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/orders/find", "/cart"], links);
        Assert.Equal(1, await OrdersOfAsync(first));
        Assert.Equal(0, await OrdersOfAsync(second));
        // The cart it started is new and empty: checkout sends the shopper to it.
        Assert.Equal("/cart", (await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/checkout"))).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_double_submit_and_a_replayed_old_cart_cookie_make_one_order_and_lead_to_it()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        // A browser whose cookies the test keeps itself, so it can send the cart cookie as it was before placing.
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        var jar = new CookieContainer();
        var origin = new Uri("https://localhost");
        void Keep(HttpResponseMessage response)
        {
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                jar.SetCookies(origin, cookie);
            }
        }

        using (var add = new HttpRequestMessage(HttpMethod.Post, "/cart/add") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["productId"] = product.Id, ["quantity"] = "1" }) })
        {
            add.Headers.Add("Sec-Fetch-Site", "same-origin");
            Keep(await browser.SendAsync(add));
        }

        using var get = new HttpRequestMessage(HttpMethod.Get, "/checkout");
        get.Headers.Add("Cookie", jar.GetCookieHeader(origin));
        var getResponse = await browser.SendAsync(get);
        Keep(getResponse);
        var form = await OrderShop.ParseAsync(getResponse, "/checkout");
        // Both submissions leave the browser before the first answer: both carry the cart cookie as it was.
        var cookieHeader = jar.GetCookieHeader(origin);
        var email = Unique("twice@example.com");
        var fields = new Dictionary<string, string>(GoodForm) { ["Email"] = email };

        async Task<(HttpStatusCode Status, string? Location, bool NewCart)> SubmitAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/checkout")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>(fields)
                {
                    ["__RequestVerificationToken"] = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
                    ["QuotedTotal"] = form.Document.QuerySelector("input[name=QuotedTotal]")!.GetAttribute("value")!,
                }),
            };
            request.Headers.Add("Cookie", cookieHeader);
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            using var response = await browser.SendAsync(request);
            var newCart = response.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("diecast_cart=", StringComparison.Ordinal));
            return (response.StatusCode, response.Headers.Location?.OriginalString, newCart);
        }

        // Three presses at once (a double click and a refresh): the later ones find the first still starting the payment
        // and ask again, on the storefront's clock, which the test moves until all three have answered.
        var presses = Task.WhenAll(SubmitAsync(), SubmitAsync(), SubmitAsync());
        while (!presses.IsCompleted)
        {
            shop.Time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(presses, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        var locations = new List<string>();
        foreach (var (status, location, newCart) in await presses)
        {
            Assert.Equal(HttpStatusCode.SeeOther, status);
            // Every answer starts a new, empty cart again: the replayed cart is not handed back.
            Assert.True(newCart);
            locations.Add(location!);
        }

        // Each answer's token is freshly encrypted; all of them open the one order.
        var numbers = new List<string>();
        foreach (var location in locations)
        {
            Assert.StartsWith("/orders/", location, StringComparison.Ordinal);
            numbers.Add((await shop.GetPageAsync(location)).Document.QuerySelector("#order-number")!.TextContent);
        }

        Assert.Single(numbers.Distinct());
        Assert.Equal(1, await OrdersOfAsync(email));
    }

    [Fact]
    public async Task A_price_change_between_the_page_and_the_submit_places_nothing_and_shows_the_new_total()
    {
        var products = await shop.ProductsInStockAsync();
        var product = products[^1];
        using var browser = Browser();
        await AddToCartAsync(browser, product.Id, seenPrice: product.Price);
        var form = await GetCheckoutAsync(browser);
        var email = Unique("price@example.com");
        var fields = new Dictionary<string, string>(GoodForm) { ["Email"] = email };
        var newPrice = product.Price + 100m;
        await shop.ExecuteSqlAsync("UPDATE products SET price = @p WHERE id = @id", ("p", newPrice), ("id", OrderShop.DatabaseId(product.Id)));

        using var refused = await PostCheckoutAsync(browser, form.Document, fields);
        var page = await OrderShop.ParseAsync(refused, "/checkout");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var notices = page.Document.QuerySelector("#checkout-notices")!.TextContent;
        Assert.Contains($"went up from {Money.Format(product.Price)} to {Money.Format(newPrice)}", notices, StringComparison.Ordinal);
        Assert.Equal(0, await OrdersOfAsync(email));
        Assert.Equal(GoodForm["Name"], page.Document.QuerySelector("input[name=Name]")!.GetAttribute("value"));

        // Seen and accepted: the second press places the order at the new price.
        using var placed = await PostCheckoutAsync(browser, page.Document, fields);
        Assert.Equal(HttpStatusCode.SeeOther, placed.StatusCode);
        Assert.Equal(1, await OrdersOfAsync(email));
    }

    [Fact]
    public async Task A_total_that_differs_from_the_one_shown_places_nothing()
    {
        var product = (await shop.ProductsInStockAsync())[0];
        using var browser = Browser();
        await AddToCartAsync(browser, product.Id);
        var form = await GetCheckoutAsync(browser);
        form.Document.QuerySelector("input[name=QuotedTotal]")!.SetAttribute("value", "1.00");
        var email = Unique("total@example.com");

        using var response = await PostCheckoutAsync(browser, form.Document, new Dictionary<string, string>(GoodForm) { ["Email"] = email });
        var page = await OrderShop.ParseAsync(response, "/checkout");

        Assert.Contains("The total changed", page.Document.QuerySelector("#checkout-notices")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await OrdersOfAsync(email));
    }

    [Fact]
    public async Task A_model_that_sold_out_after_it_was_added_is_removed_and_said_and_nothing_is_placed()
    {
        var products = await shop.ProductsInStockAsync();
        var keep = products[0];
        var soldOut = products[1];
        using var browser = Browser();
        await AddToCartAsync(browser, keep.Id);
        await AddToCartAsync(browser, soldOut.Id);
        var form = await GetCheckoutAsync(browser);
        var email = Unique("soldout@example.com");
        await shop.ExecuteSqlAsync("UPDATE products SET stock_quantity = 0 WHERE id = @id", ("id", OrderShop.DatabaseId(soldOut.Id)));
        try
        {
            using var response = await PostCheckoutAsync(browser, form.Document, new Dictionary<string, string>(GoodForm) { ["Email"] = email });
            var page = await OrderShop.ParseAsync(response, "/checkout");

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains($"{soldOut.Name} has sold out", page.Document.QuerySelector("#checkout-notices")!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(soldOut.Name, page.Document.QuerySelector("#checkout-lines")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(0, await OrdersOfAsync(email));
        }
        finally
        {
            await shop.ExecuteSqlAsync("UPDATE products SET stock_quantity = 50 WHERE id = @id", ("id", OrderShop.DatabaseId(soldOut.Id)));
        }
    }

    [Fact]
    public async Task A_cart_whose_only_model_sold_out_goes_back_to_the_cart_page()
    {
        var product = (await shop.ProductsInStockAsync())[2];
        using var browser = Browser();
        await AddToCartAsync(browser, product.Id);
        await shop.ExecuteSqlAsync("UPDATE products SET stock_quantity = 0 WHERE id = @id", ("id", OrderShop.DatabaseId(product.Id)));
        try
        {
            using var response = await browser.GetAsync("/checkout");
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal("/cart", response.Headers.Location!.OriginalString);

            // The cart, now empty, says why (the checkout's notice carried over), once.
            using var cart = await browser.GetAsync("/cart");
            var page = await OrderShop.ParseAsync(cart, "/cart");
            Assert.Contains($"{product.Name} has sold out", page.Document.QuerySelector("#cart-notices")!.TextContent, StringComparison.Ordinal);
            using var again = await browser.GetAsync("/cart");
            Assert.Null((await OrderShop.ParseAsync(again, "/cart")).Document.QuerySelector("#cart-notices"));
        }
        finally
        {
            await shop.ExecuteSqlAsync("UPDATE products SET stock_quantity = 50 WHERE id = @id", ("id", OrderShop.DatabaseId(product.Id)));
        }
    }
}
