using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Diecast.Api.Payments.Razorpay;
using Diecast.Api.Payments.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.Api.Tests.Payments;

/// <summary>The typed client against the fake Razorpay (a real HTTP server on 127.0.0.1): wire format, retries, timeouts, errors.</summary>
public sealed class RazorpayClientTests : IAsyncLifetime, IDisposable
{
    private FakeRazorpay _fake = null!;
    private ServiceProvider _services = null!;
    private readonly LogLines _logs = new();

    private IRazorpayClient Client => _services.GetRequiredService<IRazorpayClient>();

    public async Task InitializeAsync()
    {
        _fake = await FakeRazorpay.StartAsync();
        _services = RazorpayTestServices.For(_fake, _logs);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    public void Dispose() => _logs.Dispose();

    private static RazorpayOrderRequest Request(decimal amount = 2499.50m, string receipt = "DC-1001") =>
        new(amount, "INR", receipt, new Dictionary<string, string> { ["order_id"] = "1001", ["order_number"] = receipt }, TimeSpan.FromMinutes(30));

    [Fact]
    public async Task Creating_an_order_sends_basic_auth_paise_receipt_notes_and_the_capture_window()
    {
        var order = await Client.CreateOrderAsync(Request(), CancellationToken.None);

        var sent = Assert.Single(_fake.State.Requests);
        Assert.Equal(SimulatorRoutes.CreateOrder, sent.Route);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_fake.KeyId}:{_fake.KeySecret}")), sent.Authorization);
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal(249950, body.RootElement.GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.Number, body.RootElement.GetProperty("amount").ValueKind);
        Assert.Equal("INR", body.RootElement.GetProperty("currency").GetString());
        Assert.Equal("DC-1001", body.RootElement.GetProperty("receipt").GetString());
        Assert.Equal("1001", body.RootElement.GetProperty("notes").GetProperty("order_id").GetString());
        var payment = body.RootElement.GetProperty("payment");
        Assert.Equal("automatic", payment.GetProperty("capture").GetString());
        Assert.Equal(30, payment.GetProperty("capture_options").GetProperty("automatic_expiry_period").GetInt32());
        Assert.Equal(7200, payment.GetProperty("capture_options").GetProperty("manual_expiry_period").GetInt32());
        Assert.Equal("normal", payment.GetProperty("capture_options").GetProperty("refund_speed").GetString());

        var stored = Assert.Single(_fake.State.Orders);
        Assert.Equal(249950, stored.AmountPaise);
        Assert.Equal(30, stored.AutomaticExpiryMinutes);
        Assert.Equal(stored.Id, order.Id);
        Assert.Equal(2499.50m, order.Amount);
        Assert.Equal(0m, order.AmountPaid);
        Assert.Equal("created", order.Status);
        Assert.Equal("DC-1001", order.Receipt);
        Assert.Equal("DC-1001", order.Notes["order_number"]);
    }

    [Fact]
    public async Task A_capture_window_in_part_minutes_is_rounded_up_and_one_under_twelve_minutes_is_refused_before_any_call()
    {
        await Client.CreateOrderAsync(Request() with { CaptureWindow = TimeSpan.FromMinutes(12.5) }, CancellationToken.None);
        Assert.Equal(13, Assert.Single(_fake.State.Orders).AutomaticExpiryMinutes);

        await Assert.ThrowsAsync<ArgumentException>(() => Client.CreateOrderAsync(Request() with { CaptureWindow = TimeSpan.FromMinutes(11) }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.CreateOrderAsync(Request(amount: 0.99m), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.CreateOrderAsync(Request(amount: 10.005m), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.CreateOrderAsync(Request(receipt: new string('9', 41)), CancellationToken.None));
        Assert.Equal(1, _fake.State.Calls(SimulatorRoutes.CreateOrder));
    }

    [Fact]
    public async Task Creating_an_order_is_never_retried_after_a_server_error()
    {
        _fake.State.FailNext(SimulatorRoutes.CreateOrder, SimulatedFailureKind.ServerError, times: 5);

        var e = await Assert.ThrowsAsync<RazorpayException>(() => Client.CreateOrderAsync(Request(), CancellationToken.None));

        Assert.Equal(1, _fake.State.Calls(SimulatorRoutes.CreateOrder));
        Assert.Equal(HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.Equal("SERVER_ERROR", e.Code);
        Assert.True(e.IsTransient);
        Assert.Empty(_fake.State.Orders);
    }

    [Fact]
    public async Task An_order_created_whose_answer_was_lost_is_not_created_again_and_is_found_by_its_receipt()
    {
        _fake.State.FailNext(SimulatorRoutes.CreateOrder, SimulatedFailureKind.ResponseLost);

        var e = await Assert.ThrowsAsync<RazorpayException>(() => Client.CreateOrderAsync(Request(), CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.Null(e.StatusCode);
        Assert.Equal(1, _fake.State.Calls(SimulatorRoutes.CreateOrder));
        var made = Assert.Single(_fake.State.Orders);
        var found = await Client.FindOrderByReceiptAsync("DC-1001", CancellationToken.None);
        Assert.Equal(made.Id, found!.Id);
        Assert.Equal(2499.50m, found.Amount);
        Assert.Null(await Client.FindOrderByReceiptAsync("DC-9999", CancellationToken.None));
    }

    [Fact]
    public async Task Creating_an_order_that_hangs_times_out_after_one_attempt()
    {
        _fake.State.FailNext(SimulatorRoutes.CreateOrder, SimulatedFailureKind.Hang);
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<RazorpayException>(() => Client.CreateOrderAsync(Request(), CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.Null(e.StatusCode);
        Assert.Contains("in time", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, _fake.State.Calls(SimulatorRoutes.CreateOrder));
        // The attempt timeout (2 s) ended it, not the total one (20 s).
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(1900), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_read_is_retried_after_server_errors_and_a_hang()
    {
        var order = await Client.CreateOrderAsync(Request(), CancellationToken.None);
        var paid = _fake.State.Pay(order.Id);
        _fake.State.FailNext(SimulatorRoutes.GetPayment, SimulatedFailureKind.ServerError, times: 2);
        _fake.State.FailNext(SimulatorRoutes.GetPayment, SimulatedFailureKind.Hang);

        var payment = await Client.GetPaymentAsync(paid.RazorpayPaymentId, CancellationToken.None);

        Assert.Equal(4, _fake.State.Calls(SimulatorRoutes.GetPayment));
        Assert.Equal("captured", payment.Status);
        Assert.Equal(2499.50m, payment.Amount);
        Assert.Equal(order.Id, payment.OrderId);
    }

    [Fact]
    public async Task A_read_rate_limited_waits_for_retry_after_then_succeeds()
    {
        var order = await Client.CreateOrderAsync(Request(), CancellationToken.None);
        _fake.State.FailNext(SimulatorRoutes.GetOrder, SimulatedFailureKind.RateLimited, retryAfter: TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var read = await Client.GetOrderAsync(order.Id, CancellationToken.None);

        Assert.Equal(order.Id, read.Id);
        Assert.Equal(2, _fake.State.Calls(SimulatorRoutes.GetOrder));
        // Retry-After (1 s) was honoured rather than the 10 ms backoff.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_read_that_keeps_failing_gives_up_after_the_retries_with_razorpays_error()
    {
        _fake.State.FailNext(SimulatorRoutes.GetOrderPayments, SimulatedFailureKind.ServerError, times: 10);

        var e = await Assert.ThrowsAsync<RazorpayException>(() => Client.GetOrderPaymentsAsync("order_whatever", CancellationToken.None));

        Assert.Equal(4, _fake.State.Calls(SimulatorRoutes.GetOrderPayments));
        Assert.Equal(HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task A_refusal_is_mapped_to_razorpays_code_field_and_description_and_not_retried()
    {
        var e = await Assert.ThrowsAsync<RazorpayException>(() => Client.GetOrderAsync("order_DoesNotExist01", CancellationToken.None));

        Assert.Equal(1, _fake.State.Calls(SimulatorRoutes.GetOrder));
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal("BAD_REQUEST_ERROR", e.Code);
        Assert.Equal("id", e.Field);
        Assert.False(e.IsTransient);
        Assert.Contains("The id provided does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_keys_are_refused_with_401()
    {
        await using var services = RazorpayTestServices.For(_fake, overrides: new Dictionary<string, string?> { ["Razorpay:KeySecret"] = "not-the-secret" });

        var e = await Assert.ThrowsAsync<RazorpayException>(() => services.GetRequiredService<IRazorpayClient>().GetOrderAsync("order_x", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.False(e.IsTransient);
        Assert.DoesNotContain("not-the-secret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_notes_sent_as_an_array_are_read_as_none()
    {
        var order = await Client.CreateOrderAsync(Request() with { Notes = new Dictionary<string, string>() }, CancellationToken.None);
        Assert.Contains("\"notes\":[]", _fake.State.GetOrder(order.Id).Body.ToJsonString(), StringComparison.Ordinal);

        var read = await Client.GetOrderAsync(order.Id, CancellationToken.None);

        Assert.Empty(read.Notes);
    }

    [Fact]
    public async Task Order_payments_list_each_attempt()
    {
        var order = await Client.CreateOrderAsync(Request(), CancellationToken.None);
        _fake.State.Pay(order.Id, SimulatedPaymentOutcome.Failed);
        _fake.State.Pay(order.Id, SimulatedPaymentOutcome.Captured);

        var payments = await Client.GetOrderPaymentsAsync(order.Id, CancellationToken.None);

        Assert.Equal(["failed", "captured"], payments.Select(p => p.Status));
        Assert.Equal("BAD_REQUEST_ERROR", payments[0].ErrorCode);
        Assert.Null(payments[1].ErrorCode);
        Assert.Equal("paid", (await Client.GetOrderAsync(order.Id, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_capture_whose_answer_was_lost_is_retried_and_returns_the_captured_payment()
    {
        var order = await Client.CreateOrderAsync(Request(), CancellationToken.None);
        var authorized = _fake.State.Pay(order.Id, SimulatedPaymentOutcome.Authorized);
        _fake.State.FailNext(SimulatorRoutes.CapturePayment, SimulatedFailureKind.ResponseLost);

        var payment = await Client.CapturePaymentAsync(authorized.RazorpayPaymentId, 2499.50m, "INR", CancellationToken.None);

        Assert.Equal("captured", payment.Status);
        Assert.Equal(2, _fake.State.Calls(SimulatorRoutes.CapturePayment));
        Assert.Equal(RazorpayStatuses.OrderPaid, _fake.State.FindOrder(order.Id)!.Status);
        Assert.Equal(249950, _fake.State.FindOrder(order.Id)!.AmountPaidPaise);
    }

    [Fact]
    public async Task A_capture_for_another_amount_is_refused()
    {
        var order = await Client.CreateOrderAsync(Request(), CancellationToken.None);
        var authorized = _fake.State.Pay(order.Id, SimulatedPaymentOutcome.Authorized);

        var e = await Assert.ThrowsAsync<RazorpayException>(() => Client.CapturePaymentAsync(authorized.RazorpayPaymentId, 2000m, "INR", CancellationToken.None));

        Assert.Equal("BAD_REQUEST_ERROR", e.Code);
        Assert.Equal("authorized", _fake.State.FindPayment(authorized.RazorpayPaymentId)!.Status);
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_retried_with_the_same_key_and_body_and_makes_one_refund()
    {
        var order = await Client.CreateOrderAsync(Request(), CancellationToken.None);
        var paid = _fake.State.Pay(order.Id);
        _fake.State.FailNext(SimulatorRoutes.RefundPayment, SimulatedFailureKind.ResponseLost);
        var key = Guid.NewGuid().ToString("N");
        var notes = new Dictionary<string, string> { ["reason"] = "Damaged in transit" };

        var refund = await Client.CreateRefundAsync(paid.RazorpayPaymentId, 500m, key, notes, CancellationToken.None);

        var calls = _fake.State.Requests.Where(r => r.Route == SimulatorRoutes.RefundPayment).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call => Assert.Equal(key, call.IdempotencyKey));
        Assert.Equal(calls[0].Body, calls[1].Body);
        using (var body = JsonDocument.Parse(calls[0].Body))
        {
            Assert.Equal(50000, body.RootElement.GetProperty("amount").GetInt64());
        }

        var made = Assert.Single(_fake.State.Refunds);
        Assert.Equal(made.Id, refund.Id);
        Assert.Equal(500.00m, refund.Amount);
        Assert.Equal("pending", refund.Status);
        Assert.Equal(key, made.IdempotencyKey);
        Assert.Equal(50000, _fake.State.FindPayment(paid.RazorpayPaymentId)!.AmountRefundedPaise);

        // The same key again: the same refund. Another body under it: Razorpay's BAD_REQUEST_ERROR.
        Assert.Equal(refund.Id, (await Client.CreateRefundAsync(paid.RazorpayPaymentId, 500m, key, notes, CancellationToken.None)).Id);
        var e = await Assert.ThrowsAsync<RazorpayException>(() => Client.CreateRefundAsync(paid.RazorpayPaymentId, 600m, key, notes, CancellationToken.None));
        Assert.Equal("BAD_REQUEST_ERROR", e.Code);
        Assert.Single(_fake.State.Refunds);
    }

    [Fact]
    public async Task A_full_refund_omits_the_amount_and_a_bad_key_is_refused_before_any_call()
    {
        var order = await Client.CreateOrderAsync(Request(), CancellationToken.None);
        var paid = _fake.State.Pay(order.Id);

        await Assert.ThrowsAsync<ArgumentException>(() => Client.CreateRefundAsync(paid.RazorpayPaymentId, null, "short", new Dictionary<string, string>(), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.CreateRefundAsync(paid.RazorpayPaymentId, null, "has spaces in it", new Dictionary<string, string>(), CancellationToken.None));
        Assert.Equal(0, _fake.State.Calls(SimulatorRoutes.RefundPayment));

        var refund = await Client.CreateRefundAsync(paid.RazorpayPaymentId, null, "refund-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string>(), CancellationToken.None);

        Assert.Equal(2499.50m, refund.Amount);
        Assert.DoesNotContain("amount", Assert.Single(_fake.State.Requests, r => r.Route == SimulatorRoutes.RefundPayment).Body, StringComparison.Ordinal);
        Assert.Equal("refunded", _fake.State.FindPayment(paid.RazorpayPaymentId)!.Status);
    }

    [Fact]
    public async Task The_key_secret_never_reaches_the_logs_even_at_trace_level()
    {
        var order = await Client.CreateOrderAsync(Request(), CancellationToken.None);
        _fake.State.FailNext(SimulatorRoutes.GetOrder, SimulatedFailureKind.ServerError);
        await Client.GetOrderAsync(order.Id, CancellationToken.None);
        await Assert.ThrowsAsync<RazorpayException>(() => Client.GetOrderAsync("order_missing", CancellationToken.None));

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_fake.KeyId}:{_fake.KeySecret}"));
        Assert.Contains(_logs.Lines, line => line.Contains("Authorization", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, line => line.Contains("Razorpay refused", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(_fake.KeySecret, StringComparison.Ordinal) || line.Contains(basic, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_stays_a_cancellation()
    {
        _fake.State.FailNext(SimulatorRoutes.GetOrder, SimulatedFailureKind.Hang);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetOrderAsync("order_x", cancel.Token));
    }
}
