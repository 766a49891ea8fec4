namespace Diecast.Api.IntegrationTests.Orders;

/// <summary>
/// The admin's moves (updateFulfilmentStatus, cancelOrder, updateOrderStatus with a version): a stale screen is refused,
/// of two admins moving at once one wins, every move writes one timeline event, and a cancel releases stock once.
/// </summary>
public sealed class OrderMoveTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string OrderFields = "order { id status paymentStatus fulfilmentStatus cancelledAt version reservationStatus timeline { kind actor actorName message data } }";
    private const string Stale = "... on Error { message } ... on StaleOrderError { id status paymentStatus fulfilmentStatus } ... on ValidationError { path }";
    private const string Fulfil = $"mutation($input: UpdateFulfilmentStatusInput!) {{ updateFulfilmentStatus(input: $input) {{ {OrderFields} errors {{ __typename {Stale} ... on InvalidFulfilmentMoveError {{ from to paymentStatus }} }} }} }}";
    private const string Cancel = $"mutation($input: CancelOrderInput!) {{ cancelOrder(input: $input) {{ {OrderFields} errors {{ __typename {Stale} ... on OrderNotCancellableError {{ paymentStatus }} }} }} }}";
    private const string Move = $"mutation($input: UpdateOrderStatusInput!) {{ updateOrderStatus(input: $input) {{ {OrderFields} errors {{ __typename {Stale} ... on InvalidTransitionError {{ from to }} }} }} }}";
    private const string Read = "query($id: ID!) { node(id: $id) { ... on Order { status paymentStatus fulfilmentStatus version timeline { kind actor actorName message } } } }";

    [Fact]
    public async Task A_fulfilment_step_moves_the_order_and_writes_one_admin_event()
    {
        using var admin = api.CreateAdminClient("asha");
        var (id, _) = await TestOrders.InsertAsync(api.ConnectionString, "PAID");
        var version = await VersionAsync(admin, id);

        var payload = (await admin.QueryDataAsync(Fulfil, new { input = new { id, version, status = "FULFILLING" } })).GetProperty("updateFulfilmentStatus");

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        var order = payload.GetProperty("order");
        Assert.Equal("FULFILLING", order.GetProperty("status").GetString());
        Assert.Equal("PAID", order.GetProperty("paymentStatus").GetString());
        Assert.Equal("FULFILLING", order.GetProperty("fulfilmentStatus").GetString());
        Assert.NotEqual(version, order.GetProperty("version").GetInt64());
        var step = Assert.Single(Events(order), e => e.GetProperty("kind").GetString() == "FULFILMENT_CHANGED");
        Assert.Equal("ADMIN", step.GetProperty("actor").GetString());
        Assert.Equal("asha", step.GetProperty("actorName").GetString());
        Assert.Equal("Fulfilment moved from UNFULFILLED to FULFILLING by asha.", step.GetProperty("message").GetString());
        using (var data = JsonDocument.Parse(step.GetProperty("data").GetString()!))
        {
            Assert.Equal("UNFULFILLED", data.RootElement.GetProperty("from").GetString());
            Assert.Equal("FULFILLING", data.RootElement.GetProperty("to").GetString());
        }

        // What the payload showed is what is stored.
        Assert.Equal("fulfilling fulfilling", await StoredAsync(id, "status::text || ' ' || fulfilment_status::text"));
    }

    [Fact]
    public async Task A_move_from_a_stale_screen_is_refused_naming_the_status_now_and_changes_nothing()
    {
        using var admin = api.CreateAdminClient();
        var (id, _) = await TestOrders.InsertAsync(api.ConnectionString, "PAID");
        var staleVersion = await VersionAsync(admin, id);
        await admin.QueryDataAsync(Fulfil, new { input = new { id, version = staleVersion, status = "FULFILLING" } });
        var eventsBefore = await EventCountAsync(id);

        // The second admin's screen still shows PAID: their "start fulfilling" and "cancel" are both refused.
        var fulfil = (await admin.QueryDataAsync(Fulfil, new { input = new { id, version = staleVersion, status = "FULFILLING" } })).GetProperty("updateFulfilmentStatus");
        var cancel = (await admin.QueryDataAsync(Cancel, new { input = new { id, version = staleVersion, reason = "Customer asked" } })).GetProperty("cancelOrder");
        var move = (await admin.QueryDataAsync(Move, new { input = new { id, version = staleVersion, status = "FULFILLING" } })).GetProperty("updateOrderStatus");

        foreach (var payload in new[] { fulfil, cancel, move })
        {
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("order").ValueKind);
            var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
            Assert.Equal("StaleOrderError", error.GetProperty("__typename").GetString());
            Assert.Equal(id, error.GetProperty("id").GetString());
            Assert.Equal("FULFILLING", error.GetProperty("status").GetString());
            Assert.Equal("PAID", error.GetProperty("paymentStatus").GetString());
            Assert.Equal(
                "The order changed since you read it: it is now FULFILLING (payment PAID, fulfilment FULFILLING). Nothing was changed; read it again and decide.",
                error.GetProperty("message").GetString());
        }

        Assert.Equal(eventsBefore, await EventCountAsync(id));
        Assert.Equal("fulfilling", await StoredAsync(id, "fulfilment_status::text"));
    }

    [Fact]
    public async Task Two_admins_moving_the_same_order_from_the_same_version_one_wins_and_the_timeline_has_one_event()
    {
        using var asha = api.CreateAdminClient("asha");
        using var ravi = api.CreateAdminClient("ravi");
        for (var round = 0; round < 5; round++)
        {
            var (id, _) = await TestOrders.InsertAsync(api.ConnectionString, "PAID");
            var version = await VersionAsync(asha, id);
            var eventsBefore = await EventCountAsync(id);

            var results = await Task.WhenAll(
                asha.PostGraphQLAsync(Fulfil, new { input = new { id, version, status = "FULFILLING" } }),
                ravi.PostGraphQLAsync(Fulfil, new { input = new { id, version, status = "FULFILLING" } }));

            Assert.All(results, r => Assert.False(r.Body.TryGetProperty("errors", out _), r.Body.ToString()));
            var payloads = results.Select(r => r.Body.GetProperty("data").GetProperty("updateFulfilmentStatus")).ToList();
            Assert.Single(payloads, p => p.GetProperty("order").ValueKind == JsonValueKind.Object);
            var loser = Assert.Single(payloads, p => p.GetProperty("order").ValueKind == JsonValueKind.Null);
            Assert.Equal("StaleOrderError", loser.GetProperty("errors")[0].GetProperty("__typename").GetString());
            Assert.Equal(eventsBefore + 1, await EventCountAsync(id));
        }
    }

    [Theory]
    [InlineData("PAID", "SHIPPED", "An order whose fulfilment is UNFULFILLED cannot move to SHIPPED; it can move to FULFILLING.")]
    [InlineData("DELIVERED", "DELIVERED", "An order whose fulfilment is DELIVERED cannot move to DELIVERED; it is final.")]
    [InlineData("PENDING_PAYMENT", "FULFILLING", "An order whose payment is AWAITING_PAYMENT cannot be fulfilled; only orders whose payment is PAID or PARTIALLY_REFUNDED are.")]
    [InlineData("CANCELLED", "FULFILLING", "An order whose payment is VOIDED cannot be fulfilled; only orders whose payment is PAID or PARTIALLY_REFUNDED are.")]
    public async Task Fulfilment_moves_one_step_forwards_and_only_for_paid_orders(string status, string to, string message)
    {
        using var admin = api.CreateAdminClient();
        var (id, _) = await TestOrders.InsertAsync(api.ConnectionString, status);
        var version = await VersionAsync(admin, id);
        var eventsBefore = await EventCountAsync(id);

        var error = (await admin.QueryDataAsync(Fulfil, new { input = new { id, version, status = to } })).GetProperty("updateFulfilmentStatus").GetProperty("errors")[0];

        Assert.Equal("InvalidFulfilmentMoveError", error.GetProperty("__typename").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(to, error.GetProperty("to").GetString());
        Assert.Equal(eventsBefore, await EventCountAsync(id));
        Assert.Equal(version, await VersionAsync(admin, id));
    }

    [Theory]
    [InlineData("PAID", "An order whose payment is PAID cannot be cancelled: refund it with refundOrder (restock: true returns its stock).")]
    [InlineData("SHIPPED", "An order whose payment is PAID cannot be cancelled: refund it with refundOrder (restock: true returns its stock).")]
    [InlineData("REFUNDED", "An order whose payment is REFUNDED cannot be cancelled; it is REFUNDED and final.")]
    public async Task A_paid_order_is_refunded_not_cancelled(string status, string message)
    {
        using var admin = api.CreateAdminClient();
        var (id, _) = await TestOrders.InsertAsync(api.ConnectionString, status);
        var version = await VersionAsync(admin, id);

        var payload = (await admin.QueryDataAsync(Cancel, new { input = new { id, version, reason = "Changed their mind" } })).GetProperty("cancelOrder");

        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("OrderNotCancellableError", error.GetProperty("__typename").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(version, await VersionAsync(admin, id));
    }

    [Theory]
    [InlineData("", "reason must not be empty.")]
    [InlineData(" Late", "reason must not start or end with spaces.")]
    [InlineData("Late\nagain", "reason must not contain control characters such as line breaks or tabs.")]
    [InlineData("Late \u202Eniaga", "reason must not contain bidirectional override characters (U+202A–U+202E, U+2066–U+2069).")]
    public async Task A_cancel_needs_a_reason(string reason, string message)
    {
        using var admin = api.CreateAdminClient();
        var (id, _) = await TestOrders.InsertAsync(api.ConnectionString, "PENDING_PAYMENT");
        var version = await VersionAsync(admin, id);

        var error = (await admin.QueryDataAsync(Cancel, new { input = new { id, version, reason } })).GetProperty("cancelOrder").GetProperty("errors")[0];

        Assert.Equal("ValidationError", error.GetProperty("__typename").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal("""["input","reason"]""", error.GetProperty("path").GetRawText());
        Assert.Equal("pending_payment", await StoredAsync(id, "status::text"));
    }

    [Fact]
    public async Task Cancelling_an_unpaid_order_releases_its_stock_exactly_once_however_many_admins_press_cancel()
    {
        const int stockBefore = 7;
        var productId = await TestStock.NewProductAsync(api, stockBefore);
        var orderId = await TestStock.PlaceHeldOrderAsync(api.ConnectionString, productId, quantity: 2);
        Assert.Equal(stockBefore - 2, await TestStock.StockAsync(api.ConnectionString, productId));
        var id = TestStock.OrderNodeId(orderId);
        using var admin = api.CreateAdminClient("asha");
        var version = await VersionAsync(admin, id);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            admin.PostGraphQLAsync(Cancel, new { input = new { id, version, reason = "Customer called to cancel" } })));

        Assert.All(results, r => Assert.False(r.Body.TryGetProperty("errors", out _), r.Body.ToString()));
        var payloads = results.Select(r => r.Body.GetProperty("data").GetProperty("cancelOrder")).ToList();
        var won = Assert.Single(payloads, p => p.GetProperty("order").ValueKind == JsonValueKind.Object).GetProperty("order");
        Assert.All(payloads.Where(p => p.GetProperty("order").ValueKind == JsonValueKind.Null),
            p => Assert.Equal("StaleOrderError", p.GetProperty("errors")[0].GetProperty("__typename").GetString()));
        Assert.Equal("CANCELLED", won.GetProperty("status").GetString());
        Assert.Equal("VOIDED", won.GetProperty("paymentStatus").GetString());
        Assert.Equal("RELEASED", won.GetProperty("reservationStatus").GetString());
        var cancelled = Assert.Single(Events(won), e => e.GetProperty("kind").GetString() == "CANCELLED");
        Assert.Equal("ADMIN", cancelled.GetProperty("actor").GetString());
        Assert.Equal("asha", cancelled.GetProperty("actorName").GetString());
        Assert.Contains("Customer called to cancel", cancelled.GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal(stockBefore, await TestStock.StockAsync(api.ConnectionString, productId));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM stock_movements WHERE order_id = {orderId} AND kind = 'Release'"));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM order_events WHERE order_id = {orderId} AND kind = 'Cancelled'"));

        // Cancelling the cancelled order (with its new version) changes nothing.
        var again = (await admin.QueryDataAsync(Cancel, new { input = new { id, version = won.GetProperty("version").GetInt64(), reason = "Again" } })).GetProperty("cancelOrder");
        Assert.Equal("CANCELLED", again.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(stockBefore, await TestStock.StockAsync(api.ConnectionString, productId));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM order_events WHERE order_id = {orderId} AND kind = 'Cancelled'"));
    }

    [Fact]
    public async Task UpdateOrderStatus_to_cancelled_is_a_cancel_and_releases_the_stock()
    {
        const int stockBefore = 3;
        var productId = await TestStock.NewProductAsync(api, stockBefore);
        var orderId = await TestStock.PlaceHeldOrderAsync(api.ConnectionString, productId, quantity: 1);
        using var admin = api.CreateAdminClient("ravi");

        var version = await TestOrders.VersionAsync(api.ConnectionString, TestStock.OrderNodeId(orderId));

        var payload = (await admin.QueryDataAsync(Move, new { input = new { id = TestStock.OrderNodeId(orderId), version, status = "CANCELLED" } })).GetProperty("updateOrderStatus");

        Assert.Equal("CANCELLED", payload.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(stockBefore, await TestStock.StockAsync(api.ConnectionString, productId));
        Assert.Single(Events(payload.GetProperty("order")), e => e.GetProperty("kind").GetString() == "CANCELLED" && e.GetProperty("actorName").GetString() == "ravi");
    }

    private static async Task<long> VersionAsync(HttpClient admin, string id) =>
        (await admin.QueryDataAsync(Read, new { id })).GetProperty("node").GetProperty("version").GetInt64();

    private Task<long> EventCountAsync(string id) =>
        TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM order_events WHERE order_id = {DatabaseId(id)}");

    private Task<string> StoredAsync(string id, string expression) =>
        TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT {expression} FROM orders WHERE id = {DatabaseId(id)}");

    private static JsonElement.ArrayEnumerator Events(JsonElement order) => order.GetProperty("timeline").EnumerateArray();

    private static int DatabaseId(string id) => int.Parse(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(id)).Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
}
