using Diecast.Api.Checkout;
using Diecast.Api.Payments;
using Diecast.Api.Payments.Simulator;

namespace Diecast.Api.IntegrationTests.Payments;

/// <summary>
/// Payments against the fake Razorpay: confirmPayment, reconciliation when webhooks never come, refunds (idempotent
/// by our refund id) and late authorisations captured by us.
/// </summary>
public sealed class RazorpayRoundTripTests(RazorpayPaymentsFactory api) : IClassFixture<RazorpayPaymentsFactory>
{
    private const string Confirm = """
        mutation($input: ConfirmPaymentInput!) {
          confirmPayment(input: $input) {
            confirmation { number status paymentStatus total amountPaid }
            errors { __typename ... on Error { message } ... on ValidationError { path } }
          }
        }
        """;

    private const string Refund = """
        mutation($input: RefundOrderInput!) {
          refundOrder(input: $input) {
            order { id refunds { amount status razorpayRefundId requestedBy } payments { razorpayPaymentId status amount } }
            errors { __typename ... on Error { message } ... on ValidationError { path } }
          }
        }
        """;

    [Fact]
    public async Task confirmPayment_marks_a_captured_payment_paid_once_however_often_it_is_called()
    {
        using var client = api.CreateClient();
        var order = await api.CreateOrderAsync();
        // The customer paid; Razorpay's webhooks have not come (yet).
        var checkout = await api.Razorpay.PayAsync(order.RazorpayOrderId, SimulatedPaymentOutcome.Captured);

        var first = await ConfirmAsync(client, order, checkout.RazorpayPaymentId, checkout.RazorpaySignature!);
        var second = await ConfirmAsync(client, order, checkout.RazorpayPaymentId, checkout.RazorpaySignature!);

        Assert.Equal("PAID", first.GetProperty("confirmation").GetProperty("status").GetString());
        Assert.Equal(order.Total, first.GetProperty("confirmation").GetProperty("amountPaid").GetDecimal());
        Assert.Equal(first.GetProperty("confirmation").ToString(), second.GetProperty("confirmation").ToString());
        Assert.Equal("Customer", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT string_agg(actor, ',') FROM order_events WHERE order_id = {order.OrderId} AND kind = 'PaymentCaptured'"));
    }

    [Fact]
    public async Task confirmPayment_leaves_an_authorized_payment_pending_until_the_capture()
    {
        using var client = api.CreateClient();
        var order = await api.CreateOrderAsync();
        var checkout = await api.Razorpay.PayAsync(order.RazorpayOrderId, SimulatedPaymentOutcome.Authorized);

        var payload = await ConfirmAsync(client, order, checkout.RazorpayPaymentId, checkout.RazorpaySignature!);

        Assert.Equal("PENDING_PAYMENT", payload.GetProperty("confirmation").GetProperty("status").GetString());
        Assert.Equal("authorized", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT payment_status::text FROM orders WHERE id = {order.OrderId}"));
    }

    [Fact]
    public async Task confirmPayment_finds_the_order_by_the_token_placeOrder_returned()
    {
        using var client = api.CreateClient();
        var order = await api.CreateOrderAsync();
        var checkout = await api.Razorpay.PayAsync(order.RazorpayOrderId, SimulatedPaymentOutcome.Captured);
        var input = new Dictionary<string, object?>
        {
            ["orderToken"] = api.Services.GetRequiredService<OrderTokens>().Issue(order.OrderId, order.Number),
            ["razorpayOrderId"] = order.RazorpayOrderId,
            ["razorpayPaymentId"] = checkout.RazorpayPaymentId,
            ["razorpaySignature"] = checkout.RazorpaySignature,
        };

        var confirmation = (await client.QueryDataAsync(Confirm, new { input })).GetProperty("confirmPayment").GetProperty("confirmation");

        Assert.Equal((order.Number, "PAID", "PAID"), (confirmation.GetProperty("number").GetString(), confirmation.GetProperty("status").GetString(), confirmation.GetProperty("paymentStatus").GetString()));
    }

    public static TheoryData<string> BadConfirmations() =>
        ["signature", "key of another order", "razorpay order id", "number", "token of another order", "tampered token", "neither token nor number"];

    [Theory]
    [MemberData(nameof(BadConfirmations))]
    public async Task A_confirmation_that_does_not_prove_the_payment_is_refused_and_writes_nothing(string wrong)
    {
        using var client = api.CreateClient();
        var order = await api.CreateOrderAsync();
        var other = await api.CreateOrderAsync();
        var checkout = await api.Razorpay.PayAsync(order.RazorpayOrderId, SimulatedPaymentOutcome.Captured);
        var otherCheckout = await api.Razorpay.PayAsync(other.RazorpayOrderId, SimulatedPaymentOutcome.Captured);
        var input = new Dictionary<string, object?>
        {
            ["number"] = order.Number,
            ["razorpayOrderId"] = order.RazorpayOrderId,
            ["razorpayPaymentId"] = checkout.RazorpayPaymentId,
            ["razorpaySignature"] = checkout.RazorpaySignature,
        };
        switch (wrong)
        {
            case "signature":
                input["razorpaySignature"] = new string('0', 64);
                break;
            case "key of another order":
                // A genuine signature, of another order's payment: it does not sign this order's id.
                input["razorpayPaymentId"] = otherCheckout.RazorpayPaymentId;
                input["razorpaySignature"] = otherCheckout.RazorpaySignature;
                break;
            case "razorpay order id":
                input["razorpayOrderId"] = other.RazorpayOrderId;
                break;
            case "token of another order":
                input.Remove("number");
                input["orderToken"] = api.Services.GetRequiredService<OrderTokens>().Issue(other.OrderId, other.Number);
                break;
            case "tampered token":
                var token = api.Services.GetRequiredService<OrderTokens>().Issue(order.OrderId, order.Number);
                input.Remove("number");
                input["orderToken"] = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
                break;
            case "neither token nor number":
                input.Remove("number");
                break;
            default:
                input["number"] = other.Number;
                break;
        }

        var payload = (await client.QueryDataAsync(Confirm, new { input })).GetProperty("confirmPayment");

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("confirmation").ValueKind);
        var error = payload.GetProperty("errors")[0];
        var expected = wrong switch
        {
            "signature" or "key of another order" => "InvalidPaymentSignatureError",
            "neither token nor number" => "ValidationError",
            _ => "NotFoundError",
        };
        Assert.Equal(expected, error.GetProperty("__typename").GetString());
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM payments WHERE order_id IN ({order.OrderId}, {other.OrderId})"));
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM order_events WHERE order_id IN ({order.OrderId}, {other.OrderId})"));
        Assert.Equal("awaiting_payment", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT payment_status::text FROM orders WHERE id = {order.OrderId}"));
    }

    [Fact]
    public async Task Reconciliation_marks_paid_an_order_whose_webhooks_never_came_and_leaves_it_when_Razorpay_is_down()
    {
        var order = await api.CreateOrderAsync();
        await api.Razorpay.PayAsync(order.RazorpayOrderId, SimulatedPaymentOutcome.Captured);
        // Only this order is due in this round: the others were looked at just now.
        await TestSql.ExecuteAsync(api.ConnectionString, $"UPDATE orders SET payment_checked_at = now() WHERE id <> {order.OrderId}");
        api.Razorpay.State.FailNext(SimulatorRoutes.GetOrderPayments, SimulatedFailureKind.ServerError);

        await api.ReconcileAsync();

        Assert.Equal("awaiting_payment|true", await TestSql.ScalarAsync<string>(api.ConnectionString,
            $"SELECT payment_status::text || '|' || (payment_checked_at IS NULL)::text FROM orders WHERE id = {order.OrderId}"));

        await api.ReconcileAsync();

        Assert.Equal("paid|sold", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT payment_status::text || '|' || reservation_status::text FROM orders WHERE id = {order.OrderId}"));
        Assert.Equal("Reconciliation", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT actor FROM order_events WHERE order_id = {order.OrderId} AND kind = 'PaymentCaptured'"));
        // Just looked at: the next round leaves it alone.
        var asked = AskedAbout(order);
        await api.ReconcileAsync();
        Assert.Equal(2, asked);
        Assert.Equal(asked, AskedAbout(order));
    }

    [Fact]
    public async Task A_partial_refund_is_sent_once_with_our_key_and_settled_by_its_webhook()
    {
        using var admin = api.CreateAdminClient("meera");
        var order = await PaidOrderAsync();

        var payload = (await admin.QueryDataAsync(Refund, new { input = new { id = order.GlobalId, amount = 500.00m, reason = "Box arrived dented", restock = false } }))
            .GetProperty("refundOrder");

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        var refund = Assert.Single(api.Razorpay.State.Refunds, r => r.PaymentId == PaymentIdOf(order));
        var ours = await TestSql.ScalarAsync<Guid>(api.ConnectionString, $"SELECT id FROM refunds WHERE order_id = {order.OrderId}");
        Assert.Equal(PaymentFollowUps.IdempotencyKey(ours), refund.IdempotencyKey);
        Assert.Equal(50000, refund.AmountPaise);
        Assert.Equal("pending|meera", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT lower(status) || '|' || requested_by FROM refunds WHERE order_id = {order.OrderId}"));

        // Razorpay processes it and says so by webhook.
        api.Razorpay.State.SettleRefund(refund.Id, succeed: true);
        await api.DeliverWebhooksAsync();
        await api.ProcessWebhooksAsync();

        Assert.Equal("partially_refunded|500.00|processed", await TestSql.ScalarAsync<string>(api.ConnectionString,
            $"SELECT o.payment_status::text || '|' || o.amount_refunded || '|' || lower(r.status) FROM orders o JOIN refunds r ON r.order_id = o.id WHERE o.id = {order.OrderId}"));
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_resent_with_the_same_key_and_refunds_once()
    {
        using var admin = api.CreateAdminClient();
        var order = await PaidOrderAsync();
        // Razorpay makes the refund, and the answer never arrives.
        api.Razorpay.State.FailNext(SimulatorRoutes.RefundPayment, SimulatedFailureKind.ResponseLost);

        var payload = (await admin.QueryDataAsync(Refund, new { input = new { id = order.GlobalId, reason = "Customer changed their mind", restock = true } }))
            .GetProperty("refundOrder");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Equal("pending|true", await TestSql.ScalarAsync<string>(api.ConnectionString,
            $"SELECT lower(status) || '|' || (razorpay_refund_id IS NULL)::text FROM refunds WHERE order_id = {order.OrderId}"));

        // Reconciliation resends it (made due by moving its time back, rather than waiting a minute).
        await TestSql.ExecuteAsync(api.ConnectionString, $"UPDATE refunds SET updated_at = now() - interval '5 minutes' WHERE order_id = {order.OrderId}");
        await api.ReconcileAsync();

        var refund = Assert.Single(api.Razorpay.State.Refunds, r => r.PaymentId == PaymentIdOf(order));
        Assert.Equal(2, api.Razorpay.State.Requests.Count(r => r.Route == SimulatorRoutes.RefundPayment && r.PathAndQuery.Contains(PaymentIdOf(order), StringComparison.Ordinal)));
        Assert.Equal(refund.Id, await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT razorpay_refund_id FROM refunds WHERE order_id = {order.OrderId}"));

        api.Razorpay.State.SettleRefund(refund.Id, succeed: true);
        await api.DeliverWebhooksAsync();
        await api.ProcessWebhooksAsync();

        Assert.Equal("refunded|2549.00|processed", await TestSql.ScalarAsync<string>(api.ConnectionString,
            $"SELECT o.payment_status::text || '|' || o.amount_refunded || '|' || lower(r.status) FROM orders o JOIN refunds r ON r.order_id = o.id WHERE o.id = {order.OrderId}"));
        // restock: the two units are back on sale.
        Assert.Equal(7, await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE id = {order.ProductId}"));
    }

    [Fact]
    public async Task Two_admins_refunding_the_whole_order_at_once_make_one_refund()
    {
        using var one = api.CreateAdminClient("asha");
        using var two = api.CreateAdminClient("ravi");
        var order = await PaidOrderAsync();

        var results = await Task.WhenAll(new[] { one, two, one, two }.Select(client =>
            client.QueryDataAsync(Refund, new { input = new { id = order.GlobalId, reason = "Duplicate order", restock = false } })));

        Assert.Equal(1, results.Count(r => r.GetProperty("refundOrder").GetProperty("errors").ValueKind == JsonValueKind.Null));
        Assert.All(results.Where(r => r.GetProperty("refundOrder").GetProperty("errors").ValueKind != JsonValueKind.Null),
            r => Assert.Equal("RefundNotAllowedError", r.GetProperty("refundOrder").GetProperty("errors")[0].GetProperty("__typename").GetString()));
        Assert.Single(api.Razorpay.State.Refunds, r => r.PaymentId == PaymentIdOf(order));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM refunds WHERE order_id = {order.OrderId}"));
    }

    public static TheoryData<string, string, string> BadRefunds() => new()
    {
        { "more than paid", "ValidationError", "amount" },
        { "zero", "ValidationError", "amount" },
        { "fractions of paise", "ValidationError", "amount" },
        { "no reason", "ValidationError", "reason" },
        { "unpaid order", "RefundNotAllowedError", "" },
        { "not an order id", "ValidationError", "id" },
    };

    [Theory]
    [MemberData(nameof(BadRefunds))]
    public async Task A_refund_that_cannot_be_made_is_refused_with_a_typed_error_and_writes_nothing(string kind, string error, string field)
    {
        using var admin = api.CreateAdminClient();
        var order = kind == "unpaid order" ? await api.CreateOrderAsync() : await PaidOrderAsync();
        var events = await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM order_events WHERE order_id = {order.OrderId}");
        object input = kind switch
        {
            "more than paid" => new { id = order.GlobalId, amount = order.Total + 0.01m, reason = "r", restock = false },
            "zero" => new { id = order.GlobalId, amount = 0m, reason = "r", restock = false },
            "fractions of paise" => new { id = order.GlobalId, amount = 10.005m, reason = "r", restock = false },
            "no reason" => new { id = order.GlobalId, amount = 10m, reason = "   ", restock = false },
            "not an order id" => new { id = Convert.ToBase64String("Product:1"u8.ToArray()), amount = 10m, reason = "r", restock = false },
            _ => new { id = order.GlobalId, amount = 10m, reason = "r", restock = false },
        };

        var payload = (await admin.QueryDataAsync(Refund, new { input })).GetProperty("refundOrder");

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("order").ValueKind);
        var first = payload.GetProperty("errors")[0];
        Assert.Equal(error, first.GetProperty("__typename").GetString());
        if (field.Length > 0)
        {
            Assert.Equal(["input", field], first.GetProperty("path").EnumerateArray().Select(p => p.GetString()!).ToArray());
        }

        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM refunds WHERE order_id = {order.OrderId}"));
        Assert.Equal(events, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM order_events WHERE order_id = {order.OrderId}"));
    }

    [Fact]
    public async Task A_late_authorisation_for_an_expired_order_with_stock_is_honoured_and_captured_by_us()
    {
        var order = await api.CreateOrderAsync(stock: 6, paymentStatus: "expired", reservationStatus: "released", cancelled: true);
        // Authorised after the order's capture window: Razorpay does not capture it by itself.
        await api.Razorpay.PayAsync(order.RazorpayOrderId, SimulatedPaymentOutcome.Authorized);

        await api.DeliverWebhooksAsync();
        await api.ProcessWebhooksAsync();

        Assert.Equal(1, api.Razorpay.State.Calls(SimulatorRoutes.CapturePayment));
        Assert.Equal("paid|paid|sold", await TestSql.ScalarAsync<string>(api.ConnectionString,
            $"SELECT payment_status::text || '|' || status::text || '|' || reservation_status::text FROM orders WHERE id = {order.OrderId}"));
        Assert.Equal(4, await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE id = {order.ProductId}"));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM order_events WHERE order_id = {order.OrderId} AND kind = 'LatePaymentHonoured'"));
    }

    [Fact]
    public async Task A_late_capture_without_stock_is_refunded_through_Razorpay()
    {
        var order = await api.CreateOrderAsync(stock: 1, paymentStatus: "expired", reservationStatus: "released", cancelled: true);
        await api.Razorpay.PayAsync(order.RazorpayOrderId, SimulatedPaymentOutcome.Captured);

        await api.DeliverWebhooksAsync();
        await api.ProcessWebhooksAsync();

        var refund = Assert.Single(api.Razorpay.State.Refunds, r => r.PaymentId == PaymentIdOf(order));
        Assert.Equal((long)(order.Total * 100), refund.AmountPaise);
        Assert.Equal("late-payment", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT requested_by FROM refunds WHERE order_id = {order.OrderId}"));
        Assert.True(await TestSql.ScalarAsync<bool>(api.ConnectionString, $"SELECT needs_attention FROM orders WHERE id = {order.OrderId}"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_late_refund_Razorpay_refuses_is_failed_and_flagged_not_left_pending(bool firstAttemptUnanswered)
    {
        var order = await api.CreateOrderAsync(stock: 1, paymentStatus: "expired", reservationStatus: "released", cancelled: true);
        if (firstAttemptUnanswered)
        {
            // Razorpay is down for the first send; reconciliation's resend is the one refused.
            api.Razorpay.State.FailNext(SimulatorRoutes.RefundPayment, SimulatedFailureKind.ServerError);
        }

        using var client = api.CreateClient();
        // A captured payment this Razorpay account does not know (another instance's simulator, a reset test account):
        // Razorpay answers the refund with 400 BAD_REQUEST_ERROR, for good.
        var unknownPayment = PaymentTestData.NewPaymentId();
        using (var response = await client.PostWebhookAsync(PaymentTestData.PaymentEvent("payment.captured", unknownPayment, order.RazorpayOrderId, order.TotalPaise, "captured"), eventId: PaymentTestData.NewEventId()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await api.ProcessWebhooksAsync();
        if (firstAttemptUnanswered)
        {
            Assert.Equal("Pending", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT status FROM refunds WHERE order_id = {order.OrderId}"));
            // Asked long enough ago for reconciliation to send it again.
            await TestSql.ExecuteAsync(api.ConnectionString, $"UPDATE refunds SET updated_at = updated_at - interval '10 minutes' WHERE order_id = {order.OrderId}");
            await api.ReconcileAsync();
        }

        Assert.Equal("Failed", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT status FROM refunds WHERE order_id = {order.OrderId}"));
        Assert.NotNull(await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT failure_reason FROM refunds WHERE order_id = {order.OrderId}"));
        Assert.True(await TestSql.ScalarAsync<bool>(api.ConnectionString, $"SELECT needs_attention FROM orders WHERE id = {order.OrderId}"));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM order_events WHERE order_id = {order.OrderId} AND kind = 'RefundFailed'"));
    }

    [Theory]
    [InlineData(true, "processed|refunded|f")]
    [InlineData(false, "failed|paid|t")]
    public async Task A_refund_whose_webhooks_were_lost_is_settled_by_reconciliation_asking_Razorpay(bool succeed, string settled)
    {
        using var admin = api.CreateAdminClient("meera");
        var order = await PaidOrderAsync();
        await admin.QueryDataAsync(Refund, new { input = new { id = order.GlobalId, reason = "Customer changed their mind", restock = false } });
        var refund = Assert.Single(api.Razorpay.State.Refunds, r => r.PaymentId == PaymentIdOf(order));
        // Razorpay settles it days later, and every webhook saying so is lost.
        api.Razorpay.State.SettleRefund(refund.Id, succeed);
        api.LoseWebhooks();

        await api.ReconcileAsync();
        var askedTooEarly = AskedAboutRefund(refund.Id);
        await WaitedAsync(order, minutes: 20);
        await api.ReconcileAsync();
        var state = await RefundStateAsync(order);
        await WaitedAsync(order, minutes: 20);
        await api.ReconcileAsync();

        Assert.Equal(0, askedTooEarly);
        Assert.Equal(settled, state);
        Assert.Equal(1, AskedAboutRefund(refund.Id));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(api.ConnectionString,
            $"SELECT count(*) FROM order_events WHERE order_id = {order.OrderId} AND kind = '{(succeed ? "RefundProcessed" : "RefundFailed")}' AND actor = 'Reconciliation'"));
    }

    [Fact]
    public async Task A_refund_still_pending_at_Razorpay_is_asked_about_again_only_a_round_later()
    {
        using var admin = api.CreateAdminClient("meera");
        var order = await PaidOrderAsync();
        await admin.QueryDataAsync(Refund, new { input = new { id = order.GlobalId, reason = "Customer changed their mind", restock = false } });
        var refund = Assert.Single(api.Razorpay.State.Refunds, r => r.PaymentId == PaymentIdOf(order));

        await WaitedAsync(order, minutes: 20);
        await api.ReconcileAsync();
        await api.ReconcileAsync();
        var askedOnce = AskedAboutRefund(refund.Id);
        await WaitedAsync(order, minutes: 20);
        await api.ReconcileAsync();

        Assert.Equal(1, askedOnce);
        Assert.Equal(2, AskedAboutRefund(refund.Id));
        Assert.Equal("pending|paid|f", await RefundStateAsync(order));
    }

    /// <summary>The order's refund (all of it) and the order look as if the last change and the last look were this long ago.</summary>
    private Task WaitedAsync(PaidOrderSetup order, int minutes) => TestSql.ExecuteAsync(api.ConnectionString, $"""
        UPDATE refunds SET updated_at = updated_at - interval '{minutes} minutes', status_checked_at = status_checked_at - interval '{minutes} minutes' WHERE order_id = {order.OrderId};
        UPDATE orders SET payment_checked_at = payment_checked_at - interval '{minutes} minutes' WHERE id = {order.OrderId};
        """);

    /// <summary>refund status | order payment status | needs attention.</summary>
    private Task<string> RefundStateAsync(PaidOrderSetup order) => TestSql.ScalarAsync<string>(api.ConnectionString,
        $"SELECT lower(r.status) || '|' || o.payment_status::text || '|' || (CASE WHEN o.needs_attention THEN 't' ELSE 'f' END) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.id = {order.OrderId}");

    /// <summary>An order paid through the fake, its webhooks delivered and processed.</summary>
    private async Task<PaidOrderSetup> PaidOrderAsync()
    {
        var order = await api.CreateOrderAsync();
        await api.Razorpay.PayAsync(order.RazorpayOrderId, SimulatedPaymentOutcome.Captured);
        await api.DeliverWebhooksAsync();
        await api.ProcessWebhooksAsync();
        Assert.Equal("paid", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT payment_status::text FROM orders WHERE id = {order.OrderId}"));
        return order;
    }

    private string PaymentIdOf(PaidOrderSetup order) => api.Razorpay.State.Payments.Single(p => p.OrderId == order.RazorpayOrderId && p.Status != "failed").Id;

    private int AskedAboutRefund(string razorpayRefundId) =>
        api.Razorpay.State.Requests.Count(r => r.Route == SimulatorRoutes.GetRefund && r.PathAndQuery.Contains(razorpayRefundId, StringComparison.Ordinal));

    private int AskedAbout(PaidOrderSetup order) =>
        api.Razorpay.State.Requests.Count(r => r.Route == SimulatorRoutes.GetOrderPayments && r.PathAndQuery.Contains(order.RazorpayOrderId, StringComparison.Ordinal));

    private static async Task<JsonElement> ConfirmAsync(HttpClient client, PaidOrderSetup order, string paymentId, string signature) =>
        (await client.QueryDataAsync(Confirm, new
        {
            input = new { number = order.Number, razorpayOrderId = order.RazorpayOrderId, razorpayPaymentId = paymentId, razorpaySignature = signature },
        })).GetProperty("confirmPayment");
}
