using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Diecast.Api.Payments.Razorpay;
using Diecast.Api.Payments.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.Api.Tests.Payments;

/// <summary>The fake Razorpay behaves as razorpay.md says Razorpay does: signatures, webhooks, capture windows, idempotent refunds.</summary>
public sealed class FakeRazorpayTests : IAsyncLifetime
{
    private FakeRazorpay _fake = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeRazorpay.StartAsync();
        _services = RazorpayTestServices.For(_fake);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private async Task<RazorpayOrder> OrderAsync(int minutes = 30) => await _services.GetRequiredService<IRazorpayClient>().CreateOrderAsync(
        new RazorpayOrderRequest(1299m, "INR", "DC-7", new Dictionary<string, string> { ["customer"] = "अनन्या ₹" }, TimeSpan.FromMinutes(minutes)), CancellationToken.None);

    [Fact]
    public async Task A_captured_payment_gives_a_checkout_signature_and_three_signed_webhooks_that_parse()
    {
        var order = await OrderAsync();

        var checkout = _fake.State.Pay(order.Id);

        Assert.True(RazorpaySignatures.IsValidCheckoutSignature(order.Id, checkout.RazorpayPaymentId, checkout.RazorpaySignature!, _fake.KeySecret));
        Assert.Equal(["payment.authorized", "payment.captured", "order.paid"], _fake.State.Webhooks.Select(w => w.Event));
        Assert.Equal(3, _fake.State.Webhooks.Select(w => w.EventId).Distinct().Count());
        foreach (var webhook in _fake.State.Webhooks)
        {
            Assert.True(RazorpaySignatures.IsValidWebhookSignature(webhook.Body, webhook.Signature, [_fake.WebhookSecret]));
            Assert.False(RazorpaySignatures.IsValidWebhookSignature(webhook.Body, webhook.Signature, [_fake.KeySecret]));
            Assert.True(RazorpayWebhookPayload.TryParse(webhook.Body, out var parsed, out var error), error);
            Assert.Equal(1299m, parsed!.Payment!.Amount);
            Assert.Equal("अनन्या ₹", parsed.Payment.Notes["customer"]);
        }

        Assert.True(RazorpayWebhookPayload.TryParse(_fake.State.Webhooks[2].Body, out var paid, out _));
        Assert.Equal("paid", paid!.Order!.Status);
        Assert.Equal(1299m, paid.Order.AmountPaid);
        Assert.Throws<InvalidOperationException>(() => _fake.State.Pay(order.Id));
    }

    [Fact]
    public async Task A_payment_authorised_after_the_capture_window_is_not_captured()
    {
        var order = await OrderAsync(minutes: 12);

        var checkout = _fake.State.Pay(order.Id, SimulatedPaymentOutcome.Captured, authorizationDelay: TimeSpan.FromMinutes(13));

        Assert.Equal("authorized", checkout.Payment.Status);
        Assert.NotNull(checkout.RazorpaySignature);
        Assert.Equal(["payment.authorized"], _fake.State.Webhooks.Select(w => w.Event));
        Assert.Equal("attempted", _fake.State.FindOrder(order.Id)!.Status);
    }

    [Fact]
    public async Task A_failed_payment_has_no_signature_and_sends_payment_failed()
    {
        var order = await OrderAsync();

        var checkout = _fake.State.Pay(order.Id, SimulatedPaymentOutcome.Failed);

        Assert.Null(checkout.RazorpaySignature);
        Assert.Equal(["payment.failed"], _fake.State.Webhooks.Select(w => w.Event));
    }

    [Fact]
    public async Task A_refund_settles_by_webhook()
    {
        var order = await OrderAsync();
        var paid = _fake.State.Pay(order.Id);
        var refund = await _services.GetRequiredService<IRazorpayClient>().CreateRefundAsync(
            paid.RazorpayPaymentId, 299m, "refund_key_0000000001", new Dictionary<string, string>(), CancellationToken.None);

        _fake.State.SettleRefund(refund.Id, succeed: false);

        Assert.Equal(["refund.created", "refund.failed"], _fake.State.Webhooks.Skip(3).Select(w => w.Event));
        Assert.True(RazorpayWebhookPayload.TryParse(_fake.State.Webhooks[^1].Body, out var failed, out _));
        Assert.Equal(refund.Id, failed!.Refund!.Id);
        Assert.Equal("failed", failed.Refund.Status);
        Assert.Equal(0, _fake.State.FindPayment(paid.RazorpayPaymentId)!.AmountRefundedPaise);
    }

    [Fact]
    public async Task A_second_refund_call_with_a_key_in_flight_gets_409()
    {
        var order = await OrderAsync();
        var paid = _fake.State.Pay(order.Id);
        _fake.State.FailNext(SimulatorRoutes.RefundPayment, SimulatedFailureKind.Hang);
        using var http = new HttpClient();
        HttpRequestMessage Refund()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_fake.BaseUrl, $"payments/{paid.RazorpayPaymentId}/refund"))
            {
                Content = new StringContent("{\"amount\":10000,\"speed\":\"normal\",\"notes\":{}}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_fake.KeyId}:{_fake.KeySecret}")));
            request.Headers.Add("X-Refund-Idempotency", "in_flight_key_01");
            return request;
        }

        using var cancelFirst = new CancellationTokenSource();
        using var firstRequest = Refund();
        var first = http.SendAsync(firstRequest, cancelFirst.Token);
        // The first call holds the key once the fake has received it.
        await _fake.State.CallsReached(SimulatorRoutes.RefundPayment, 1).WaitAsync(TimeSpan.FromSeconds(30));

        using var secondRequest = Refund();
        using var second = await http.SendAsync(secondRequest);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        await cancelFirst.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Empty(_fake.State.Refunds);
    }

    [Fact]
    public async Task Lower_case_basic_is_refused()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fake.BaseUrl, "orders"));
        request.Headers.TryAddWithoutValidation("Authorization", "basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_fake.KeyId}:{_fake.KeySecret}")));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"code\":\"BAD_REQUEST_ERROR\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
