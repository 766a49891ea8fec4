using Diecast.Api.Payments.Simulator;
using static Diecast.Api.IntegrationTests.Checkout.Shoppers;

namespace Diecast.Api.IntegrationTests.Checkout;

public sealed class PlaceOrderTests(CheckoutApi api) : IClassFixture<CheckoutApi>
{
    [Fact]
    public async Task An_order_is_priced_from_the_catalog_holds_its_stock_and_answers_with_what_Razorpay_Checkout_needs()
    {
        using var client = api.CreateClient();
        var a = await NewProductAsync(api.ConnectionString, stock: 5, price: 1499.00m);
        var b = await NewProductAsync(api.ConnectionString, stock: 3, price: 2100.50m);

        var payload = await PlacedAsync(client, Input([(a.GlobalId, 2), (b.GlobalId, 1)]));

        var order = payload.GetProperty("order");
        var number = order.GetProperty("number").GetString()!;
        // 2 × 1499.00 + 2100.50 = 5098.50: over the free-shipping threshold.
        Assert.Equal(5098.50m, order.GetProperty("subtotal").GetDecimal());
        Assert.Equal(0m, order.GetProperty("shippingFee").GetDecimal());
        Assert.Equal(5098.50m, order.GetProperty("total").GetDecimal());
        Assert.Equal(("PENDING_PAYMENT", "AWAITING_PAYMENT", "UNFULFILLED"), (order.GetProperty("status").GetString(), order.GetProperty("paymentStatus").GetString(), order.GetProperty("fulfilmentStatus").GetString()));
        Assert.Equal("+919876543210", order.GetProperty("customerPhone").GetString());
        Assert.Equal("Maharashtra", order.GetProperty("shippingAddress").GetProperty("state").GetString());
        Assert.Equal("400002", order.GetProperty("shippingAddress").GetProperty("postalCode").GetString());
        Assert.Equal([(a.GlobalId, 1499.00m, 2, 2998.00m), (b.GlobalId, 2100.50m, 1, 2100.50m)], order.GetProperty("items").EnumerateArray().Select(i =>
            (i.GetProperty("productId").GetString(), i.GetProperty("unitPrice").GetDecimal(), i.GetProperty("quantity").GetInt32(), i.GetProperty("lineTotal").GetDecimal())));
        Assert.Single(order.GetProperty("timeline").EnumerateArray());

        var payment = payload.GetProperty("payment");
        Assert.Equal(509850, payment.GetProperty("amountInPaise").GetInt64());
        Assert.Equal(5098.50m, payment.GetProperty("amount").GetDecimal());
        Assert.Equal("INR", payment.GetProperty("currency").GetString());
        Assert.Equal($"Order {number}", payment.GetProperty("description").GetString());
        Assert.Equal(("Asha Rao", "Asha.Rao@example.com", "+919876543210"), (payment.GetProperty("prefill").GetProperty("name").GetString(), payment.GetProperty("prefill").GetProperty("email").GetString(), payment.GetProperty("prefill").GetProperty("contact").GetString()));
        var razorpayOrderId = payment.GetProperty("razorpayOrderId").GetString();
        Assert.False(string.IsNullOrEmpty(razorpayOrderId));
        Assert.Equal(razorpayOrderId, order.GetProperty("payment").GetProperty("razorpayOrderId").GetString());
        Assert.Equal(api.Razorpay.KeyId, payment.GetProperty("keyId").GetString());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("paymentError").ValueKind);
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("orderToken").GetString()));

        // What the database holds, computed without the API.
        Assert.Equal(3, await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE id = {a.Id}"));
        Assert.Equal(2, await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE id = {b.Id}"));
        Assert.Equal(
            ["held|awaiting_payment|5098.50|" + razorpayOrderId],
            await TestSql.StringsAsync(api.ConnectionString, $"SELECT reservation_status::text || '|' || payment_status::text || '|' || total::text || '|' || razorpay_order_id FROM orders WHERE number = '{number}'"));
        Assert.Equal(
            [$"{a.Id}|-2|3|Reservation", $"{b.Id}|-1|2|Reservation"],
            await TestSql.StringsAsync(api.ConnectionString, $"SELECT product_id || '|' || delta || '|' || stock_after || '|' || kind FROM stock_movements WHERE order_id = (SELECT id FROM orders WHERE number = '{number}') ORDER BY product_id"));
        Assert.Contains("Placed|Customer", await TestSql.StringsAsync(api.ConnectionString, $"SELECT kind || '|' || actor FROM order_events WHERE order_id = (SELECT id FROM orders WHERE number = '{number}')"));
    }

    [Theory]
    [InlineData("price = 1799.00", "1799.00|1")]
    [InlineData("name = 'Renamed Car'", "1499.00|1")]
    [InlineData("stock_quantity = 0", "refused")]
    [InlineData("status = 'retired'", "refused")]
    [InlineData("archived_at = now()", "refused")]
    public async Task An_order_placed_right_after_another_sees_an_admins_change_to_the_product_in_between(string change, string expected)
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 5, price: 1499.00m);
        await PlacedAsync(client, Input([(product.GlobalId, 1)]));

        // Changed behind the API's back, as another instance's admin mutation would: no instance may price from what it read before.
        await TestSql.ExecuteAsync(api.ConnectionString, $"UPDATE products SET {change} WHERE id = {product.Id}");
        var second = await PlaceAsync(client, Input([(product.GlobalId, 1)]));

        var placed = second.GetProperty("order").ValueKind == JsonValueKind.Object;
        Assert.Equal(expected, placed
            ? $"{second.GetProperty("order").GetProperty("items")[0].GetProperty("unitPrice").GetDecimal():0.00}|{second.GetProperty("order").GetProperty("items")[0].GetProperty("quantity").GetInt32()}"
            : "refused");
        if (placed)
        {
            Assert.Equal(
                await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT name FROM products WHERE id = {product.Id}"),
                await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT product_name FROM order_items WHERE order_id = (SELECT id FROM orders WHERE number = '{second.Number()}')"));
        }
        else
        {
            Assert.NotEmpty(second.GetProperty("errors").EnumerateArray());
            Assert.Equal(1L, await CountAsync(api.ConnectionString, $"SELECT count(*) FROM order_items WHERE product_id = {product.Id}"));
        }
    }

    [Fact]
    public async Task The_answer_never_carries_a_Razorpay_secret()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 2);
        var (_, body) = await client.PostGraphQLAsync(PlaceOrder, new { input = Input([(product.GlobalId, 1)]) });

        var text = body.GetRawText();
        Assert.Contains(api.Razorpay.KeyId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Razorpay.KeySecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Razorpay.WebhookSecret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_sent_by_the_client_is_a_GraphQL_validation_error_and_places_nothing()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 2);
        var before = await CountAsync(api.ConnectionString, "SELECT count(*) FROM orders");
        var input = Input([(product.GlobalId, 1)]);
        ((List<Dictionary<string, object?>>)input["items"]!)[0]["unitPrice"] = 1;
        input["total"] = 1;

        var (response, body) = await client.PostGraphQLAsync(PlaceOrder, new { input });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(body.TryGetProperty("data", out _));
        Assert.Equal("INVALID_VALUE", body.FirstErrorCode());
        Assert.Equal(before, await CountAsync(api.ConnectionString, "SELECT count(*) FROM orders"));
        Assert.Equal(2, await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE id = {product.Id}"));
    }

    [Fact]
    public async Task Every_line_that_cannot_be_bought_is_named_at_once_and_nothing_is_placed()
    {
        using var client = api.CreateClient();
        var archived = await NewProductAsync(api.ConnectionString, stock: 5, archived: true);
        var soldOut = await NewProductAsync(api.ConnectionString, stock: 5, status: "sold_out");
        var retired = await NewProductAsync(api.ConnectionString, stock: 5, status: "retired");
        var short1 = await NewProductAsync(api.ConnectionString, stock: 2);
        var fine = await NewProductAsync(api.ConnectionString, stock: 9);
        var unknown = GlobalId("Product", int.MaxValue);
        var ordersBefore = await CountAsync(api.ConnectionString, "SELECT count(*) FROM orders");

        var payload = await PlaceAsync(client, Input([(unknown, 1), (archived.GlobalId, 1), (soldOut.GlobalId, 1), (retired.GlobalId, 1), (short1.GlobalId, 3), (fine.GlobalId, 1)]));

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("order").ValueKind);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("orderToken").ValueKind);
        var errors = payload.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(
            [
                ("ProductUnavailableError", "input.items.0.productId"), ("ProductUnavailableError", "input.items.1.productId"), ("ProductUnavailableError", "input.items.2.productId"),
                ("ProductUnavailableError", "input.items.3.productId"), ("InsufficientStockError", "input.items.4.quantity"),
            ],
            errors.Select(e => (e.GetProperty("__typename").GetString(), string.Join('.', e.GetProperty("path").EnumerateArray().Select(p => p.GetString())))));
        Assert.Equal("items[2] is not for sale: " + await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT name FROM products WHERE id = {soldOut.Id}") + " is SOLD_OUT.", errors[2].GetProperty("message").GetString());
        Assert.EndsWith("is RETIRED.", errors[3].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal((short1.GlobalId, 3, 2), (errors[4].GetProperty("productId").GetString(), errors[4].GetProperty("requested").GetInt32(), errors[4].GetProperty("available").GetInt32()));
        Assert.Equal(ordersBefore, await CountAsync(api.ConnectionString, "SELECT count(*) FROM orders"));
        Assert.Equal(new[] { 5, 5, 5, 2, 9 }, await Stocks(archived.Id, soldOut.Id, retired.Id, short1.Id, fine.Id));
    }

    [Fact]
    public async Task Input_faults_are_validation_errors_with_paths_and_place_nothing()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 5);
        var before = await CountAsync(api.ConnectionString, "SELECT count(*) FROM orders");

        var badPhone = await PlaceAsync(client, Input([(product.GlobalId, 1)], phone: "+92 98765 43210"));
        var notAProduct = await PlaceAsync(client, Input([(GlobalId("Order", 1), 1)]));
        var empty = await PlaceAsync(client, Input([]));
        var tooMany = await PlaceAsync(client, Input([(product.GlobalId, 11)]));

        Assert.Equal(["input.customer.phone"], Paths(badPhone));
        Assert.Equal(["input.items.0.productId"], Paths(notAProduct));
        Assert.Equal("items[0].productId must be the ID of a product.", notAProduct.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(["input.items"], Paths(empty));
        Assert.Equal(["input.items.0.quantity"], Paths(tooMany));
        Assert.Equal(before, await CountAsync(api.ConnectionString, "SELECT count(*) FROM orders"));
        Assert.Equal(new[] { 5 }, await Stocks(product.Id));
    }

    [Theory]
    [InlineData("customer", "name", "Asha\nRao", "control characters")]
    [InlineData("customer", "name", "Asha\u0007Rao", "control characters")]
    [InlineData("customer", "name", "Asha\u0085Rao", "control characters")]
    [InlineData("customer", "name", "Asha \u202Eoa\u202C Rao", "bidirectional override")]
    [InlineData("shippingAddress", "line1", "12 Marine\tDrive", "control characters")]
    [InlineData("shippingAddress", "line1", "12 \u2066Marine\u2069 Drive", "bidirectional override")]
    [InlineData("shippingAddress", "line2", "Flat\r\n4", "control characters")]
    [InlineData("shippingAddress", "city", "Mum\u001Bbai", "control characters")]
    [InlineData("shippingAddress", "city", "\u202DMumbai", "bidirectional override")]
    [InlineData("customer", "name", "\u200B", "visible character")]
    [InlineData("customer", "name", "\u200B\u2060\uFEFF", "visible character")]
    [InlineData("shippingAddress", "line1", "\u200C \u200D", "visible character")]
    public async Task Names_and_address_lines_with_control_or_bidirectional_override_characters_are_refused(string part, string field, string value, string reason)
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 5);
        var input = Input([(product.GlobalId, 1)]);
        ((Dictionary<string, object?>)input[part]!)[field] = value;

        var payload = await PlaceAsync(client, input);

        Assert.Equal([$"input.{part}.{field}"], Paths(payload));
        Assert.Contains(reason, payload.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync(api.ConnectionString, $"SELECT count(*) FROM orders WHERE idempotency_key = '{input["idempotencyKey"]}'"));
        Assert.Equal(new[] { 5 }, await Stocks(product.Id));
    }

    [Fact]
    public async Task The_same_key_returns_the_same_order_and_takes_the_stock_once()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 5);
        var input = Input([(product.GlobalId, 2)]);

        var first = await PlacedAsync(client, input);
        var again = await PlacedAsync(client, input);

        Assert.Equal(first.Number(), again.Number());
        Assert.Equal(first.GetProperty("payment").GetProperty("razorpayOrderId").GetString(), again.GetProperty("payment").GetProperty("razorpayOrderId").GetString());
        Assert.Equal(new[] { 3 }, await Stocks(product.Id));
        Assert.Equal(1, await CountAsync(api.ConnectionString, $"SELECT count(*) FROM orders WHERE idempotency_key = '{input["idempotencyKey"]}'"));
    }

    [Fact]
    public async Task A_used_key_with_another_cart_is_refused_not_answered_with_the_old_order()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 5);
        var key = NewKey();
        await PlacedAsync(client, Input([(product.GlobalId, 1)], key));

        var otherQuantity = await PlaceAsync(client, Input([(product.GlobalId, 2)], key));
        var otherPhone = await PlaceAsync(client, Input([(product.GlobalId, 1)], key, phone: "9123456789"));

        foreach (var payload in new[] { otherQuantity, otherPhone })
        {
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("order").ValueKind);
            Assert.Equal("IdempotencyKeyReusedError", payload.GetProperty("errors")[0].GetProperty("__typename").GetString());
            Assert.Equal(["input.idempotencyKey"], Paths(payload));
        }

        Assert.Equal(new[] { 4 }, await Stocks(product.Id));
    }

    [Fact]
    public async Task A_double_submit_in_parallel_places_one_order_and_both_answers_name_it()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 100);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var input = Input([(product.GlobalId, 1)]);
            var answers = await Task.WhenAll(PlacedAsync(client, input), PlacedAsync(client, input));

            Assert.Equal(answers[0].Number(), answers[1].Number());
            Assert.Equal(1, await CountAsync(api.ConnectionString, $"SELECT count(*) FROM orders WHERE idempotency_key = '{input["idempotencyKey"]}'"));
        }

        Assert.Equal(new[] { 95 }, await Stocks(product.Id));
        Assert.Equal(5, await CountAsync(api.ConnectionString, $"SELECT count(*) FROM stock_movements WHERE product_id = {product.Id} AND kind = 'Reservation'"));
    }

    [Fact]
    public async Task When_Razorpay_fails_the_order_stays_placed_and_the_same_key_starts_its_payment_later()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 4);
        var input = Input([(product.GlobalId, 1)]);

        api.Razorpay.State.FailNext(SimulatorRoutes.CreateOrder, SimulatedFailureKind.ServerError);
        var placed = await PlacedAsync(client, input);

        Assert.Equal(JsonValueKind.Null, placed.GetProperty("payment").ValueKind);
        Assert.True(placed.GetProperty("paymentError").GetProperty("retryable").GetBoolean());
        Assert.Contains("same idempotencyKey", placed.GetProperty("paymentError").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("PENDING_PAYMENT", placed.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(new[] { 3 }, await Stocks(product.Id));

        var retried = await PlacedAsync(client, input);

        Assert.Equal(placed.Number(), retried.Number());
        Assert.Equal(JsonValueKind.Null, retried.GetProperty("paymentError").ValueKind);
        Assert.Equal(
            retried.GetProperty("payment").GetProperty("razorpayOrderId").GetString(),
            await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT razorpay_order_id FROM orders WHERE number = '{placed.Number()}'"));
        Assert.Equal(new[] { 3 }, await Stocks(product.Id));
    }

    [Fact]
    public async Task A_Razorpay_order_whose_answer_was_lost_is_found_by_its_receipt_not_made_twice()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 4);
        var input = Input([(product.GlobalId, 1)]);

        // Razorpay makes the order but the answer never arrives: the order is placed, payment not ready.
        api.Razorpay.State.FailNext(SimulatorRoutes.CreateOrder, SimulatedFailureKind.ResponseLost);
        var placed = await PlacedAsync(client, input);
        Assert.Equal(JsonValueKind.Null, placed.GetProperty("payment").ValueKind);

        var retried = await PlacedAsync(client, input);

        var number = placed.Number();
        var made = Assert.Single(api.Razorpay.State.Orders, o => o.Receipt == number);
        Assert.Equal(made.Id, retried.GetProperty("payment").GetProperty("razorpayOrderId").GetString());
    }

    [Fact]
    public async Task Pre_orders_take_orders_without_a_stock_check_and_hold_nothing()
    {
        using var client = api.CreateClient();
        var preOrder = await NewProductAsync(api.ConnectionString, stock: 0, status: "pre_order");

        var payload = await PlacedAsync(client, Input([(preOrder.GlobalId, 3)]));

        Assert.Equal(new[] { 0 }, await Stocks(preOrder.Id));
        Assert.Equal(0, await CountAsync(api.ConnectionString, $"SELECT count(*) FROM stock_movements WHERE product_id = {preOrder.Id}"));
        Assert.Equal("none", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT reservation_status::text FROM orders WHERE number = '{payload.Number()}'"));
    }

    private async Task<int[]> Stocks(params int[] ids)
    {
        var stocks = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            stocks[i] = await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE id = {ids[i]}");
        }

        return stocks;
    }

    private static string[] Paths(JsonElement payload) =>
        [.. payload.GetProperty("errors").EnumerateArray().Select(e => string.Join('.', e.GetProperty("path").EnumerateArray().Select(p => p.GetString())))];
}
