namespace Diecast.Api.Payments.Razorpay;

// What the shop reads from Razorpay. Every amount here is RUPEES (decimal); paise exist only on the wire
// (RazorpayWire, converted by RazorpayAmounts). Timestamps are UTC.

/// <summary>
/// A Razorpay order to create (POST /v1/orders, razorpay.md §2). <paramref name="Amount"/> in rupees (at least ₹1.00);
/// <paramref name="Receipt"/> at most 40 characters (our order number); at most 15 notes, values at most 256 characters;
/// <paramref name="CaptureWindow"/> becomes <c>payment.capture_options.automatic_expiry_period</c> (whole minutes, at
/// least 12: razorpay.md §2 "Capture window per order").
/// </summary>
public sealed record RazorpayOrderRequest(decimal Amount, string Currency, string Receipt, IReadOnlyDictionary<string, string> Notes, TimeSpan CaptureWindow);

/// <summary>A Razorpay order entity (api/orders/entity.md). Status is created, attempted or paid; amounts in rupees.</summary>
public sealed record RazorpayOrder(
    string Id,
    decimal Amount,
    decimal AmountPaid,
    string Currency,
    string? Receipt,
    string Status,
    IReadOnlyDictionary<string, string> Notes,
    DateTimeOffset CreatedAt);

/// <summary>
/// A Razorpay payment entity (payments/payments.md). Status is created, authorized, captured, refunded or failed; amounts
/// in rupees; <paramref name="ErrorCode"/> is null when Razorpay sends null or "".
/// </summary>
public sealed record RazorpayPayment(
    string Id,
    string? OrderId,
    decimal Amount,
    string Currency,
    string Status,
    string? Method,
    decimal AmountRefunded,
    string? ErrorCode,
    string? ErrorDescription,
    IReadOnlyDictionary<string, string> Notes,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// Razorpay's <c>captured</c> flag: whether the money was ever taken. A <c>refunded</c> payment may never have been
    /// captured: an authorisation left uncaptured past its window is returned with that status (razorpay.md §2 "Capture
    /// settings"). Null when Razorpay did not say.
    /// </summary>
    public bool? Captured { get; init; }
}

/// <summary>A Razorpay refund entity (api/refunds/entity.md). Status is pending, processed (final) or failed; amount in rupees.</summary>
public sealed record RazorpayRefund(string Id, string PaymentId, decimal Amount, string Currency, string Status, IReadOnlyDictionary<string, string> Notes);

/// <summary>
/// A parsed webhook delivery (razorpay.md §4 "Payload structure"): the event name, what it contains, and the entity
/// snapshots taken when the event fired (a payment.authorized payload may describe a payment captured since).
/// </summary>
public sealed record RazorpayWebhookEvent(
    string Event,
    string? AccountId,
    IReadOnlyList<string> Contains,
    RazorpayPayment? Payment,
    RazorpayOrder? Order,
    RazorpayRefund? Refund,
    DateTimeOffset CreatedAt);

/// <summary>Razorpay's status names, as the API sends them (payments/payments.md, api/orders/entity.md, api/refunds/entity.md).</summary>
public static class RazorpayStatuses
{
    public const string OrderCreated = "created";
    public const string OrderAttempted = "attempted";
    public const string OrderPaid = "paid";

    public const string PaymentCreated = "created";
    public const string PaymentAuthorized = "authorized";
    public const string PaymentCaptured = "captured";
    public const string PaymentRefunded = "refunded";
    public const string PaymentFailed = "failed";

    public const string RefundPending = "pending";
    public const string RefundProcessed = "processed";
    public const string RefundFailed = "failed";
}

/// <summary>The webhook events the shop handles (razorpay.md §4 "Events relevant to a store").</summary>
public static class RazorpayEvents
{
    public const string PaymentAuthorized = "payment.authorized";
    public const string PaymentCaptured = "payment.captured";
    public const string PaymentFailed = "payment.failed";
    public const string OrderPaid = "order.paid";
    public const string RefundCreated = "refund.created";
    public const string RefundProcessed = "refund.processed";
    public const string RefundFailed = "refund.failed";
}
