namespace Diecast.Api.IntegrationTests.Payments;

/// <summary>
/// What the inbox worker does with stored events: applied exactly once, never backwards, checked against our order,
/// out-of-order events kept until they can be applied, late payments honoured or refunded.
/// </summary>
public sealed class WebhookSettlementTests(PaymentsApiFactory api) : IClassFixture<PaymentsApiFactory>
{
    [Fact]
    public async Task A_captured_payment_makes_the_order_paid_and_sells_its_held_stock_once()
    {
        using var client = api.CreateClient();
        var order = await PaymentTestData.CreateOrderAsync(api.ConnectionString, stock: 3, quantity: 2);
        var paymentId = PaymentTestData.NewPaymentId();

        // order.paid and payment.captured both report the capture, each with its own event id; the second changes nothing.
        await SendAsync(client, PaymentTestData.PaymentEvent("payment.captured", paymentId, order.RazorpayOrderId, order.TotalPaise, "captured"));
        await SendAsync(client, PaymentTestData.PaymentEvent("order.paid", paymentId, order.RazorpayOrderId, order.TotalPaise, "captured"));
        await api.ProcessWebhooksAsync();

        Assert.Equal("paid|paid|sold|2549.00|t", await OrderStateAsync(order));
        Assert.Equal(order.Total, await TestSql.ScalarAsync<decimal>(api.ConnectionString, $"SELECT amount_paid FROM orders WHERE id = {order.OrderId}"));
        Assert.Equal(paymentId, await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT razorpay_payment_id FROM orders WHERE id = {order.OrderId}"));
        Assert.Equal(1L, await EventsAsync(order, "PaymentCaptured"));
        Assert.Equal("Captured", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT status FROM payments WHERE razorpay_payment_id = '{paymentId}'"));
        // Held units became sold units: the shelf count does not move again.
        Assert.Equal(3, await StockAsync(order));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM stock_movements WHERE order_id = {order.OrderId} AND kind = 'Sale' AND delta = 0"));
        Assert.Equal(2L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM razorpay_webhook_events WHERE payload LIKE '%{paymentId}%' AND processed_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_failure_after_the_capture_changes_nothing()
    {
        using var client = api.CreateClient();
        var order = await PaymentTestData.CreateOrderAsync(api.ConnectionString);
        var paymentId = PaymentTestData.NewPaymentId();

        await SendAsync(client, PaymentTestData.PaymentEvent("payment.captured", paymentId, order.RazorpayOrderId, order.TotalPaise, "captured"));
        await api.ProcessWebhooksAsync();
        await SendAsync(client, PaymentTestData.PaymentEvent("payment.failed", paymentId, order.RazorpayOrderId, order.TotalPaise, "failed", errorCode: "BAD_REQUEST_ERROR"));
        await SendAsync(client, PaymentTestData.PaymentEvent("payment.failed", PaymentTestData.NewPaymentId(), order.RazorpayOrderId, order.TotalPaise, "failed", errorCode: "BAD_REQUEST_ERROR"));
        await api.ProcessWebhooksAsync();

        Assert.Equal("paid|paid|sold|2549.00|t", await OrderStateAsync(order));
        Assert.Equal(0L, await EventsAsync(order, "PaymentFailed"));
    }

    [Fact]
    public async Task A_capture_that_arrives_before_its_authorisation_stays_applied()
    {
        using var client = api.CreateClient();
        var order = await PaymentTestData.CreateOrderAsync(api.ConnectionString);
        var paymentId = PaymentTestData.NewPaymentId();

        await SendAsync(client, PaymentTestData.PaymentEvent("payment.captured", paymentId, order.RazorpayOrderId, order.TotalPaise, "captured"));
        await api.ProcessWebhooksAsync();
        await SendAsync(client, PaymentTestData.PaymentEvent("payment.authorized", paymentId, order.RazorpayOrderId, order.TotalPaise, "authorized"));
        await api.ProcessWebhooksAsync();

        Assert.Equal("paid|paid|sold|2549.00|t", await OrderStateAsync(order));
        Assert.Equal(0L, await EventsAsync(order, "PaymentAuthorized"));
    }

    [Fact]
    public async Task An_authorisation_leaves_the_order_pending_and_a_failed_attempt_lets_the_customer_retry()
    {
        using var client = api.CreateClient();
        var order = await PaymentTestData.CreateOrderAsync(api.ConnectionString);

        await SendAsync(client, PaymentTestData.PaymentEvent("payment.failed", PaymentTestData.NewPaymentId(), order.RazorpayOrderId, order.TotalPaise, "failed", errorCode: "GATEWAY_ERROR"));
        await api.ProcessWebhooksAsync();
        Assert.Equal("failed|pending_payment|held|0.00|f", await OrderStateAsync(order));

        await SendAsync(client, PaymentTestData.PaymentEvent("payment.authorized", PaymentTestData.NewPaymentId(), order.RazorpayOrderId, order.TotalPaise, "authorized"));
        await api.ProcessWebhooksAsync();
        Assert.Equal("authorized|pending_payment|held|0.00|f", await OrderStateAsync(order));
    }

    public static TheoryData<string> Mismatches() => ["amount", "currency"];

    [Theory]
    [MemberData(nameof(Mismatches))]
    public async Task A_payment_that_does_not_match_the_order_is_recorded_and_flagged_never_applied(string what)
    {
        using var client = api.CreateClient();
        var order = await PaymentTestData.CreateOrderAsync(api.ConnectionString);
        var body = what == "amount"
            ? PaymentTestData.PaymentEvent("payment.captured", PaymentTestData.NewPaymentId(), order.RazorpayOrderId, order.TotalPaise - 100, "captured")
            : PaymentTestData.PaymentEvent("payment.captured", PaymentTestData.NewPaymentId(), order.RazorpayOrderId, order.TotalPaise, "captured", currency: "USD");

        var eventId = await SendAsync(client, body);
        await api.ProcessWebhooksAsync();

        Assert.Equal("awaiting_payment|pending_payment|held|0.00|f", await OrderStateAsync(order));
        Assert.True(await TestSql.ScalarAsync<bool>(api.ConnectionString, $"SELECT needs_attention FROM orders WHERE id = {order.OrderId}"));
        Assert.Equal(1L, await EventsAsync(order, "PaymentMismatch"));
        Assert.StartsWith("mismatch:", await OutcomeAsync(eventId), StringComparison.Ordinal);
        Assert.Equal(5, await StockAsync(order));
    }

    [Fact]
    public async Task A_payment_for_a_Razorpay_order_we_never_stored_changes_no_order()
    {
        using var client = api.CreateClient();
        var order = await PaymentTestData.CreateOrderAsync(api.ConnectionString);

        var eventId = await SendAsync(client, PaymentTestData.PaymentEvent("payment.captured", PaymentTestData.NewPaymentId(), "order_notours12345", order.TotalPaise, "captured"));
        await api.ProcessWebhooksAsync();

        Assert.StartsWith("ignored: no order has Razorpay order", await OutcomeAsync(eventId), StringComparison.Ordinal);
        Assert.Equal("awaiting_payment|pending_payment|held|0.00|f", await OrderStateAsync(order));
    }

    [Fact]
    public async Task A_refund_that_overtakes_its_capture_is_kept_and_applied_after_it()
    {
        using var client = api.CreateClient();
        var order = await PaymentTestData.CreateOrderAsync(api.ConnectionString);
        var paymentId = PaymentTestData.NewPaymentId();

        var refundEvent = await SendAsync(client, PaymentTestData.RefundEvent("refund.processed", "rfnd_" + Guid.NewGuid().ToString("N")[..14], paymentId, 50000, "processed"));
        await api.ProcessWebhooksAsync();
        Assert.StartsWith("waiting:", await OutcomeAsync(refundEvent), StringComparison.Ordinal);
        Assert.False(await TestSql.ScalarAsync<bool>(api.ConnectionString, $"SELECT processed_at IS NOT NULL FROM razorpay_webhook_events WHERE event_id = '{refundEvent}'"));

        await SendAsync(client, PaymentTestData.PaymentEvent("payment.captured", paymentId, order.RazorpayOrderId, order.TotalPaise, "captured"));
        await api.ProcessWebhooksAsync();
        // The refund waits out its backoff; the test moves its due time instead of the clock.
        await TestSql.ExecuteAsync(api.ConnectionString, $"UPDATE razorpay_webhook_events SET next_attempt_at = now() - interval '1 second' WHERE event_id = '{refundEvent}'");
        await api.ProcessWebhooksAsync();

        Assert.Equal("partially_refunded|paid|sold|2549.00|t", await OrderStateAsync(order));
        Assert.Equal(500m, await TestSql.ScalarAsync<decimal>(api.ConnectionString, $"SELECT amount_refunded FROM orders WHERE id = {order.OrderId}"));
        Assert.Equal("Processed", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT status FROM refunds WHERE order_id = {order.OrderId}"));
    }

    [Fact]
    public async Task A_late_capture_for_an_expired_order_is_honoured_when_the_stock_can_be_held_again()
    {
        using var client = api.CreateClient();
        var order = await PaymentTestData.CreateOrderAsync(api.ConnectionString, stock: 4, quantity: 2, paymentStatus: "expired", reservationStatus: "released", cancelled: true);
        await TestSql.ExecuteAsync(api.ConnectionString, $"UPDATE products SET stock_quantity = stock_quantity + 2 WHERE id = {order.ProductId}");

        var eventId = await SendAsync(client, PaymentTestData.PaymentEvent("payment.captured", PaymentTestData.NewPaymentId(), order.RazorpayOrderId, order.TotalPaise, "captured"));
        await api.ProcessWebhooksAsync();

        Assert.StartsWith("applied", await OutcomeAsync(eventId), StringComparison.Ordinal);
        Assert.Equal("paid|paid|sold|2549.00|t", await OrderStateAsync(order));
        Assert.Equal(4, await StockAsync(order));
        Assert.Equal(1L, await EventsAsync(order, "LatePaymentHonoured"));
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM refunds WHERE order_id = {order.OrderId}"));
    }

    [Fact]
    public async Task A_late_capture_whose_stock_is_gone_is_refunded_automatically_and_flagged()
    {
        using var client = api.CreateClient();
        // One unit left, two wanted: the order cannot be held again.
        var order = await PaymentTestData.CreateOrderAsync(api.ConnectionString, stock: 1, quantity: 2, paymentStatus: "expired", reservationStatus: "released", cancelled: true);

        var eventId = await SendAsync(client, PaymentTestData.PaymentEvent("payment.captured", PaymentTestData.NewPaymentId(), order.RazorpayOrderId, order.TotalPaise, "captured"));
        await api.ProcessWebhooksAsync();

        var outcome = await OutcomeAsync(eventId);
        Assert.True(outcome.StartsWith("applied: late capture", StringComparison.Ordinal), outcome);
        Assert.Equal("expired|cancelled|released|2549.00|t", await OrderStateAsync(order));
        Assert.Equal(1, await StockAsync(order));
        Assert.True(await TestSql.ScalarAsync<bool>(api.ConnectionString, $"SELECT needs_attention FROM orders WHERE id = {order.OrderId}"));
        Assert.Equal(1L, await EventsAsync(order, "LatePaymentRefunded"));
        Assert.Equal("late-payment|2549.00", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT requested_by || '|' || amount FROM refunds WHERE order_id = {order.OrderId}"));
        // No reservation movement survived the failed attempt to hold the stock again.
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM stock_movements WHERE order_id = {order.OrderId}"));
    }

    [Fact]
    public async Task An_event_this_shop_does_not_handle_is_acknowledged_kept_and_marked_ignored()
    {
        using var client = api.CreateClient();
        var body = """{"entity":"event","account_id":"acc_test","event":"payment.dispute.created","contains":["dispute"],"payload":{},"created_at":1764500001}""";

        var eventId = await SendAsync(client, body);
        await api.ProcessWebhooksAsync();

        Assert.Equal("ignored: unhandled event payment.dispute.created", await OutcomeAsync(eventId));
    }

    [Fact]
    public async Task An_event_that_keeps_failing_is_retried_with_backoff_then_set_aside_without_blocking_the_others()
    {
        using var client = api.CreateClient();
        var poisoned = await PaymentTestData.CreateOrderAsync(api.ConnectionString);
        var healthy = await PaymentTestData.CreateOrderAsync(api.ConnectionString);
        var poisonId = PaymentTestData.NewPaymentId();
        // The database refuses this one payment, as a bug or a broken row would, every time.
        await TestSql.ExecuteAsync(api.ConnectionString, $"""
            CREATE FUNCTION refuse_{poisonId}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
              IF NEW.razorpay_payment_id = '{poisonId}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_{poisonId} BEFORE INSERT ON payments FOR EACH ROW EXECUTE FUNCTION refuse_{poisonId}();
            """);
        var poison = await SendAsync(client, PaymentTestData.PaymentEvent("payment.captured", poisonId, poisoned.RazorpayOrderId, poisoned.TotalPaise, "captured"));
        var other = await SendAsync(client, PaymentTestData.PaymentEvent("payment.captured", PaymentTestData.NewPaymentId(), healthy.RazorpayOrderId, healthy.TotalPaise, "captured"));

        await api.ProcessWebhooksAsync();

        Assert.StartsWith("applied", await OutcomeAsync(other), StringComparison.Ordinal);
        Assert.Equal("1|true|false", await TestSql.ScalarAsync<string>(api.ConnectionString,
            $"SELECT attempts || '|' || (next_attempt_at > now())::text || '|' || (processed_at IS NOT NULL)::text FROM razorpay_webhook_events WHERE event_id = '{poison}'"));
        Assert.Contains("refused for the test", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT last_error FROM razorpay_webhook_events WHERE event_id = '{poison}'"), StringComparison.Ordinal);

        // Each retry is due after its backoff; the test moves the due time instead of waiting.
        for (var attempt = 2; attempt <= 10; attempt++)
        {
            await TestSql.ExecuteAsync(api.ConnectionString, $"UPDATE razorpay_webhook_events SET next_attempt_at = now() - interval '1 second' WHERE event_id = '{poison}' AND processed_at IS NULL");
            await api.ProcessWebhooksAsync();
        }

        Assert.StartsWith("poison: failed 10 times", await OutcomeAsync(poison), StringComparison.Ordinal);
        Assert.Equal("awaiting_payment", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT payment_status::text FROM orders WHERE id = {poisoned.OrderId}"));
        Assert.Equal(0, await api.ProcessWebhooksAsync());
    }

    private static async Task<string> SendAsync(HttpClient client, string body)
    {
        var eventId = PaymentTestData.NewEventId();
        using var response = await client.PostWebhookAsync(body, eventId: eventId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return eventId;
    }

    /// <summary>payment status | overall status | reservation | amount paid | paid_at set.</summary>
    private Task<string> OrderStateAsync(PaidOrderSetup order) => TestSql.ScalarAsync<string>(api.ConnectionString,
        $"SELECT payment_status::text || '|' || status::text || '|' || reservation_status::text || '|' || amount_paid || '|' || (CASE WHEN paid_at IS NULL THEN 'f' ELSE 't' END) FROM orders WHERE id = {order.OrderId}");

    private Task<long> EventsAsync(PaidOrderSetup order, string kind) =>
        TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM order_events WHERE order_id = {order.OrderId} AND kind = '{kind}'");

    private Task<int> StockAsync(PaidOrderSetup order) =>
        TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE id = {order.ProductId}");

    private Task<string> OutcomeAsync(string eventId) =>
        TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT coalesce(outcome, 'no outcome; last error: ' || last_error) FROM razorpay_webhook_events WHERE event_id = '{eventId}'");
}
