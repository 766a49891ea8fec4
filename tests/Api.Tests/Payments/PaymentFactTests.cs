using Diecast.Api.Payments;
using Diecast.Api.Payments.Razorpay;

namespace Diecast.Api.Tests.Payments;

/// <summary>What a Razorpay payment entity proves: money is taken only when Razorpay says it captured it.</summary>
public sealed class PaymentFactTests
{
    [Theory]
    [InlineData("authorized", null, PaymentFactKind.Authorized)]
    [InlineData("captured", true, PaymentFactKind.Captured)]
    [InlineData("captured", null, PaymentFactKind.Captured)]
    [InlineData("refunded", true, PaymentFactKind.Captured)]
    // An authorisation left uncaptured past its window comes back refunded without ever being captured: no money came.
    [InlineData("refunded", false, PaymentFactKind.Failed)]
    [InlineData("refunded", null, PaymentFactKind.Failed)]
    [InlineData("failed", false, PaymentFactKind.Failed)]
    public void A_payment_states_the_fact_its_status_and_captured_flag_prove(string status, bool? captured, PaymentFactKind expected) =>
        Assert.Equal(expected, PaymentFact.From(Payment(status, captured))!.Kind);

    [Fact]
    public void A_created_payment_states_nothing_yet() => Assert.Null(PaymentFact.From(Payment("created", false)));

    [Fact]
    public void A_webhook_for_a_never_captured_refunded_payment_is_not_a_capture()
    {
        var body = """
            {"entity":"event","account_id":"acc_1","event":"payment.failed","contains":["payment"],"created_at":1700000000,
             "payload":{"payment":{"entity":{"id":"pay_1","entity":"payment","amount":129900,"currency":"INR","status":"refunded",
             "captured":false,"order_id":"order_1","method":"upi","amount_refunded":129900,"notes":[],"created_at":1700000000}}}}
            """u8;

        Assert.True(RazorpayWebhookPayload.TryParse(body, out var webhook, out var error), error);

        Assert.Equal(PaymentFactKind.Failed, PaymentFact.From(webhook!.Payment!)!.Kind);
    }

    private static RazorpayPayment Payment(string status, bool? captured) =>
        new("pay_1", "order_1", 1299m, "INR", status, "upi", 0m, null, null, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch) { Captured = captured };
}
