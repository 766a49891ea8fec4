namespace Diecast.Api.Payments.Razorpay;

/// <summary>
/// The Razorpay REST calls the shop makes (razorpay.md §2, §5). Amounts are rupees; failures are
/// <see cref="RazorpayException"/> (cancellation through <c>ct</c> stays an <see cref="OperationCanceledException"/>).
/// Calls that are safe to repeat are retried on a timeout, a lost connection, 5xx and 429 (with backoff and
/// Retry-After); <see cref="CreateOrderAsync"/> never is.
/// </summary>
public interface IRazorpayClient
{
    /// <summary>
    /// POST /v1/orders with automatic capture inside <see cref="RazorpayOrderRequest.CaptureWindow"/>. Not idempotent, so
    /// never retried here: after a transient failure the order may exist; look it up with
    /// <see cref="FindOrderByReceiptAsync"/> before creating another (what <c>RazorpayOrders</c> does).
    /// Throws <see cref="ArgumentException"/> for a request Razorpay would refuse (below ₹1.00, a receipt over 40
    /// characters, more than 15 notes, a capture window under 12 minutes).
    /// </summary>
    Task<RazorpayOrder> CreateOrderAsync(RazorpayOrderRequest request, CancellationToken ct);

    /// <summary>GET /v1/orders?receipt=: the order made with this receipt (our order number), or null. The oldest if several.</summary>
    Task<RazorpayOrder?> FindOrderByReceiptAsync(string receipt, CancellationToken ct);

    /// <summary>GET /v1/orders/{id}.</summary>
    Task<RazorpayOrder> GetOrderAsync(string razorpayOrderId, CancellationToken ct);

    /// <summary>GET /v1/orders/{id}/payments: every authorised or failed payment of the order (api/orders/fetch-payments.md).</summary>
    Task<IReadOnlyList<RazorpayPayment>> GetOrderPaymentsAsync(string razorpayOrderId, CancellationToken ct);

    /// <summary>GET /v1/payments/{id}.</summary>
    Task<RazorpayPayment> GetPaymentAsync(string razorpayPaymentId, CancellationToken ct);

    /// <summary>GET /v1/refunds/{id} (api/refunds/fetch-with-id.md): the refund as it stands now (pending, processed or failed).</summary>
    Task<RazorpayRefund> GetRefundAsync(string razorpayRefundId, CancellationToken ct);

    /// <summary>
    /// POST /v1/payments/{id}/capture of an authorised payment, <paramref name="amount"/> in rupees. Safe to repeat:
    /// Razorpay captures a payment at most once and refuses a second capture, so it is retried; and a payment already
    /// captured for this amount (an earlier attempt whose answer was lost) is returned instead of an error.
    /// </summary>
    Task<RazorpayPayment> CapturePaymentAsync(string razorpayPaymentId, decimal amount, string currency, CancellationToken ct);

    /// <summary>
    /// POST /v1/payments/{id}/refund, speed normal; <paramref name="amount"/> in rupees, null for the whole rest of the
    /// payment. <paramref name="idempotencyKey"/> (X-Refund-Idempotency: at least 10 of A-Z a-z 0-9 - _, derive it
    /// from our own refund id) makes a repeat with the same body return the same refund, so it is retried (a 409 "in
    /// flight" included): razorpay.md §5, api/refunds/normal-refunds-idempotent.md.
    /// </summary>
    Task<RazorpayRefund> CreateRefundAsync(string razorpayPaymentId, decimal? amount, string idempotencyKey, IReadOnlyDictionary<string, string> notes, CancellationToken ct);
}
