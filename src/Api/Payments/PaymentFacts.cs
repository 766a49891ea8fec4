using Diecast.Api.Orders;
using Diecast.Api.Payments.Razorpay;

namespace Diecast.Api.Payments;

/// <summary>What Razorpay says happened to one payment; amounts in rupees.</summary>
public enum PaymentFactKind { Authorized, Captured, Failed }

/// <summary>
/// "Payment <see cref="RazorpayPaymentId"/> for Razorpay order <see cref="RazorpayOrderId"/> is authorized / captured /
/// failed, for <see cref="Amount"/> rupees in <see cref="Currency"/>": what a webhook, confirmPayment's fetch and
/// reconciliation each learn, and what <see cref="PaymentSettlement"/> applies.
/// </summary>
public sealed record PaymentFact(
    PaymentFactKind Kind,
    string RazorpayPaymentId,
    string? RazorpayOrderId,
    decimal Amount,
    string Currency,
    string? Method,
    string? ErrorCode,
    string? ErrorDescription)
{
    /// <summary>
    /// The fact a payment entity states, by its Razorpay status (razorpay.md §2 "Payment lifecycle"): captured payments
    /// were captured; a refunded payment was captured only if Razorpay says so (<c>captured: true</c>): one that was never
    /// captured is an authorisation Razorpay gave back after its capture window, so no money came (a failed fact, never a
    /// capture); created payments say nothing yet (null).
    /// </summary>
    public static PaymentFact? From(RazorpayPayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        PaymentFactKind? kind = payment.Status switch
        {
            "authorized" => PaymentFactKind.Authorized,
            "captured" => PaymentFactKind.Captured,
            "refunded" when payment.Captured == true => PaymentFactKind.Captured,
            "refunded" => PaymentFactKind.Failed,
            "failed" => PaymentFactKind.Failed,
            _ => null,
        };
        return kind is null
            ? null
            : new PaymentFact(kind.Value, payment.Id, payment.OrderId, payment.Amount, payment.Currency, payment.Method, payment.ErrorCode, payment.ErrorDescription);
    }
}

/// <summary>What Razorpay says happened to one refund.</summary>
public enum RefundFactKind { Created, Processed, Failed }

/// <summary>"Refund <see cref="RazorpayRefundId"/> of payment <see cref="RazorpayPaymentId"/>, <see cref="Amount"/> rupees, is created / processed / failed."</summary>
public sealed record RefundFact(
    RefundFactKind Kind,
    string RazorpayRefundId,
    string RazorpayPaymentId,
    decimal Amount,
    string Currency,
    IReadOnlyDictionary<string, string> Notes)
{
    /// <summary>The note that carries our refund id, so a webhook that overtakes our own call's answer still finds our row.</summary>
    public const string RefundIdNote = "diecast_refund_id";

    /// <summary>The fact a refund entity states, by its Razorpay status (razorpay.md §5: pending, processed, failed).</summary>
    public static RefundFact From(RazorpayRefund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var kind = refund.Status switch
        {
            "processed" => RefundFactKind.Processed,
            "failed" => RefundFactKind.Failed,
            _ => RefundFactKind.Created,
        };
        return new RefundFact(kind, refund.Id, refund.PaymentId, refund.Amount, refund.Currency, refund.Notes);
    }
}

/// <summary>Who reported a fact: the timeline's actor (and name, for an admin) and the stock movements' actor name.</summary>
public sealed record PaymentSource(OrderEventActor Actor, string StockActor, string? ActorName = null)
{
    public static readonly PaymentSource Webhook = new(OrderEventActor.RazorpayWebhook, "razorpay");

    public static readonly PaymentSource Customer = new(OrderEventActor.Customer, "checkout");

    public static readonly PaymentSource Reconciliation = new(OrderEventActor.Reconciliation, "reconciliation");

    /// <summary>An admin's refund: the admin's name is the stock actor.</summary>
    public static PaymentSource Admin(string name) => new(OrderEventActor.Admin, name, name);
}
