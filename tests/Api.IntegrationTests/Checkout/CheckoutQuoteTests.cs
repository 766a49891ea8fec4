using static Diecast.Api.IntegrationTests.Checkout.Shoppers;

namespace Diecast.Api.IntegrationTests.Checkout;

public sealed class CheckoutQuoteTests(CheckoutApi api) : IClassFixture<CheckoutApi>
{
    private const string Quote = """
        query($items: [PlaceOrderItemInput!]!) {
          checkoutQuote(items: $items) {
            subtotal shippingFee total canPlaceOrder maxQuantityPerLine freeShippingThreshold
            lines { productId requestedQuantity quantity unitPrice lineTotal issue product { name status inStock } }
          }
        }
        """;

    [Fact]
    public async Task A_quote_prices_the_cart_exactly_as_placeOrder_then_charges_it()
    {
        using var client = api.CreateClient();
        var a = await NewProductAsync(api.ConnectionString, stock: 5, price: 499.50m);
        var b = await NewProductAsync(api.ConnectionString, stock: 3, price: 1200.25m);
        List<(string, int)> cart = [(a.GlobalId, 2), (b.GlobalId, 1)];

        var quote = await QuoteAsync(client, cart);
        var placed = (await PlacedAsync(client, Input(cart))).GetProperty("order");

        // 2 × 499.50 + 1200.25 = 2199.25, under the free-shipping threshold: ₹99 shipping.
        Assert.Equal((2199.25m, 99m, 2298.25m), (quote.GetProperty("subtotal").GetDecimal(), quote.GetProperty("shippingFee").GetDecimal(), quote.GetProperty("total").GetDecimal()));
        Assert.Equal(
            (placed.GetProperty("subtotal").GetDecimal(), placed.GetProperty("shippingFee").GetDecimal(), placed.GetProperty("total").GetDecimal()),
            (quote.GetProperty("subtotal").GetDecimal(), quote.GetProperty("shippingFee").GetDecimal(), quote.GetProperty("total").GetDecimal()));
        Assert.True(quote.GetProperty("canPlaceOrder").GetBoolean());
        Assert.Equal(
            [(a.GlobalId, 2, 2, 499.50m, 999.00m), (b.GlobalId, 1, 1, 1200.25m, 1200.25m)],
            quote.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("productId").GetString(), l.GetProperty("requestedQuantity").GetInt32(),
                l.GetProperty("quantity").GetInt32(), l.GetProperty("unitPrice").GetDecimal(), l.GetProperty("lineTotal").GetDecimal())));
        Assert.All(quote.GetProperty("lines").EnumerateArray(), l => Assert.Equal(JsonValueKind.Null, l.GetProperty("issue").ValueKind));
        Assert.Equal((10, 2999m), (quote.GetProperty("maxQuantityPerLine").GetInt32(), quote.GetProperty("freeShippingThreshold").GetDecimal()));
    }

    [Fact]
    public async Task A_quote_places_nothing_and_holds_no_stock()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 2, price: 3100m);
        var orders = await CountAsync(api.ConnectionString, "SELECT count(*) FROM orders");

        var quote = await QuoteAsync(client, [(product.GlobalId, 2)]);

        Assert.Equal(0m, quote.GetProperty("shippingFee").GetDecimal()); // 6200 ships free.
        Assert.Equal(2, await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE id = {product.Id}"));
        Assert.Equal(orders, await CountAsync(api.ConnectionString, "SELECT count(*) FROM orders"));
        Assert.Equal(0, await CountAsync(api.ConnectionString, $"SELECT count(*) FROM stock_movements WHERE product_id = {product.Id}"));
    }

    [Fact]
    public async Task Every_kind_of_line_that_cannot_be_bought_is_a_line_with_its_issue_and_only_buyable_units_are_charged()
    {
        using var client = api.CreateClient();
        var fine = await NewProductAsync(api.ConnectionString, stock: 8, price: 1000m);
        var archived = await NewProductAsync(api.ConnectionString, stock: 5, archived: true);
        var soldOut = await NewProductAsync(api.ConnectionString, stock: 5, status: "sold_out");
        var retired = await NewProductAsync(api.ConnectionString, stock: 5, status: "retired");
        var empty = await NewProductAsync(api.ConnectionString, stock: 0);
        var short3 = await NewProductAsync(api.ConnectionString, stock: 3, price: 200m);
        var preOrder = await NewProductAsync(api.ConnectionString, stock: 0, price: 50m, status: "pre_order");
        var unknown = GlobalId("Product", int.MaxValue - 7);

        var quote = await QuoteAsync(client, [
            (fine.GlobalId, 3), (archived.GlobalId, 1), (soldOut.GlobalId, 1), (retired.GlobalId, 1), (empty.GlobalId, 2),
            (short3.GlobalId, 7), (preOrder.GlobalId, 4), (unknown, 1), ("not-an-id", 1), (GlobalId("Order", fine.Id), 1)]);

        var lines = quote.GetProperty("lines").EnumerateArray().Select(l => (
            l.GetProperty("quantity").GetInt32(),
            l.GetProperty("issue").ValueKind == JsonValueKind.Null ? null : l.GetProperty("issue").GetString(),
            l.GetProperty("product").ValueKind == JsonValueKind.Null ? null : l.GetProperty("product").GetProperty("status").GetString())).ToList();
        Assert.Equal(
            [
                (3, null, "AVAILABLE"), (0, "UNAVAILABLE", null), (0, "SOLD_OUT", "SOLD_OUT"), (0, "RETIRED", "RETIRED"), (0, "SOLD_OUT", "AVAILABLE"),
                (3, "QUANTITY_REDUCED", "AVAILABLE"), (4, null, "PRE_ORDER"), (0, "UNAVAILABLE", null), (0, "UNAVAILABLE", null), (0, "UNAVAILABLE", null),
            ],
            lines);
        // 3 × 1000 + 3 × 200 + 4 × 50: the reduced line counts what can be bought.
        Assert.Equal(3800m, quote.GetProperty("subtotal").GetDecimal());
        Assert.Equal(0m, quote.GetProperty("lines")[1].GetProperty("lineTotal").GetDecimal());
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("lines")[7].GetProperty("unitPrice").ValueKind);
        Assert.False(quote.GetProperty("canPlaceOrder").GetBoolean());
    }

    [Fact]
    public async Task A_line_asking_no_more_than_is_in_stock_tells_nothing_about_the_stock()
    {
        using var client = api.CreateClient();
        var plenty = await NewProductAsync(api.ConnectionString, stock: 9);

        var line = (await QuoteAsync(client, [(plenty.GlobalId, 9)])).GetProperty("lines")[0];

        Assert.Equal((9, JsonValueKind.Null), (line.GetProperty("quantity").GetInt32(), line.GetProperty("issue").ValueKind));
        // The exact stock stays an admin field, under the quote as anywhere.
        var (_, body) = await client.PostGraphQLAsync("query($items: [PlaceOrderItemInput!]!) { checkoutQuote(items: $items) { lines { product { stockQuantity } } } }",
            new { items = new[] { new { productId = plenty.GlobalId, quantity = 1 } } });
        Assert.Equal("AUTH_NOT_AUTHENTICATED", body.FirstErrorCode());
    }

    [Fact]
    public async Task An_empty_cart_is_an_empty_quote_that_cannot_be_placed()
    {
        using var client = api.CreateClient();

        var quote = await QuoteAsync(client, []);

        Assert.Empty(quote.GetProperty("lines").EnumerateArray());
        Assert.Equal((0m, 0m, 0m, false), (quote.GetProperty("subtotal").GetDecimal(), quote.GetProperty("shippingFee").GetDecimal(), quote.GetProperty("total").GetDecimal(), quote.GetProperty("canPlaceOrder").GetBoolean()));
    }

    public static TheoryData<string> BadCarts => new()
    {
        "too many lines", "quantity 0", "negative quantity", "an empty ID",
    };

    [Theory]
    [InlineData("quantity over the maximum")]
    [InlineData("the same ID twice")]
    [InlineData("one product under two spellings")]
    public async Task What_a_cart_cookie_can_come_to_hold_is_judged_line_by_line_never_refused(string kind)
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 50);
        // HotChocolate's legacy ID form names the same product: placeOrder calls that a repeat.
        var legacy = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Product\ni{product.Id}"));
        List<(string Id, int Quantity)> items = kind switch
        {
            "quantity over the maximum" => [(product.GlobalId, 11)],
            "the same ID twice" => [(product.GlobalId, 1), (product.GlobalId, 2)],
            _ => [(product.GlobalId, 1), (legacy, 2)],
        };

        var lines = (await QuoteAsync(client, items)).GetProperty("lines");

        if (kind == "quantity over the maximum")
        {
            Assert.Equal((11, 10, "QUANTITY_REDUCED"), (lines[0].GetProperty("requestedQuantity").GetInt32(), lines[0].GetProperty("quantity").GetInt32(), lines[0].GetProperty("issue").GetString()));
        }
        else
        {
            Assert.Equal((1, JsonValueKind.Null), (lines[0].GetProperty("quantity").GetInt32(), lines[0].GetProperty("issue").ValueKind));
            Assert.Equal((0, "UNAVAILABLE"), (lines[1].GetProperty("quantity").GetInt32(), lines[1].GetProperty("issue").GetString()));
        }
    }

    [Theory]
    [MemberData(nameof(BadCarts))]
    public async Task A_cart_no_cookie_holds_is_an_INVALID_CART_error_naming_the_line(string kind)
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 5);
        List<(string Id, int Quantity)> items = kind switch
        {
            "too many lines" => [.. Enumerable.Range(1, 51).Select(i => (GlobalId("Product", 1_000_000 + i), 1))],
            "quantity 0" => [(product.GlobalId, 0)],
            "negative quantity" => [(product.GlobalId, -3)],
            _ => [("", 1)],
        };

        var (response, body) = await client.PostGraphQLAsync(Quote, new { items = items.Select(i => new { productId = i.Id, quantity = i.Quantity }) });

        Assert.Equal("INVALID_CART", body.FirstErrorCode());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
        var message = body.GetProperty("errors")[0].GetProperty("message").GetString()!;
        Assert.Contains(kind == "too many lines" ? "at most 50 lines" : "items[", message, StringComparison.Ordinal);
        Assert.True(response.StatusCode is HttpStatusCode.OK, $"{response.StatusCode}: {body}");
    }

    [Fact]
    public async Task A_quote_of_a_full_cart_with_its_products_is_one_SQL_statement()
    {
        using var client = api.CreateClient();
        var products = new List<(int Id, string GlobalId)>();
        for (var i = 0; i < 6; i++)
        {
            products.Add(await NewProductAsync(api.ConnectionString, stock: 4, price: 100m + i));
        }

        // Warm: the first request of a host reads its Data Protection keys and the like.
        await QuoteAsync(client, [(products[0].GlobalId, 1)]);
        api.Sql.Clear();
        var quote = await QuoteAsync(client, [.. products.Select(p => (p.GlobalId, 2))]);

        Assert.Equal(6, quote.GetProperty("lines").GetArrayLength());
        Assert.Single(api.Sql.Statements);
    }

    private static async Task<JsonElement> QuoteAsync(HttpClient client, List<(string ProductId, int Quantity)> items)
    {
        var (response, body) = await client.PostGraphQLAsync(Quote, new { items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }) });
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body.GetProperty("data").GetProperty("checkoutQuote");
    }
}
