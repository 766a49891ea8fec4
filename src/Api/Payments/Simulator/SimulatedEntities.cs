namespace Diecast.Api.Payments.Simulator;

// The simulator's state, as Razorpay would hold it: amounts in PAISE (this is Razorpay's side of the edge), times UTC.

/// <summary>A Razorpay order as the simulator holds it, with the capture options it was created with.</summary>
public sealed record SimulatedOrder(
    string Id,
    long AmountPaise,
    long AmountPaidPaise,
    string Currency,
    string? Receipt,
    string Status,
    int Attempts,
    IReadOnlyDictionary<string, string> Notes,
    string Capture,
    int? AutomaticExpiryMinutes,
    int? ManualExpiryMinutes,
    string? RefundSpeed,
    DateTimeOffset CreatedAt);

/// <summary>A payment on a simulated order.</summary>
public sealed record SimulatedPayment(
    string Id,
    string OrderId,
    long AmountPaise,
    string Currency,
    string Status,
    string Method,
    long AmountRefundedPaise,
    string? ErrorCode,
    string? ErrorDescription,
    string? Email,
    string? Contact,
    IReadOnlyDictionary<string, string> Notes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CapturedAt);

/// <summary>A refund of a simulated payment, with the X-Refund-Idempotency key it was made with (if any).</summary>
public sealed record SimulatedRefund(
    string Id,
    string PaymentId,
    long AmountPaise,
    string Currency,
    string Status,
    string Speed,
    string? IdempotencyKey,
    IReadOnlyDictionary<string, string> Notes,
    DateTimeOffset CreatedAt);

/// <summary>One request the simulator's API received, as sent (the Authorization header included, for tests to check).</summary>
public sealed record SimulatedRequest(string Route, string Method, string PathAndQuery, string? Authorization, string? IdempotencyKey, string Body);

/// <summary>A webhook delivery the simulator made: the exact body bytes, their signature and the event id header.</summary>
public sealed record SimulatedWebhook(string EventId, string Event, byte[] Body, string Signature)
{
    public const string SignatureHeader = "X-Razorpay-Signature";
    public const string EventIdHeader = "X-Razorpay-Event-Id";

    /// <summary>The body as text (UTF-8).</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>A POST of this delivery to <paramref name="target"/>, with the headers Razorpay sends (razorpay.md §4).</summary>
    public HttpRequestMessage ToRequest(Uri target)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(SignatureHeader, Signature);
        request.Headers.Add(EventIdHeader, EventId);
        return request;
    }
}

/// <summary>How a simulated payment attempt ends.</summary>
public enum SimulatedPaymentOutcome
{
    /// <summary>Authorised and captured automatically (inside the order's capture window): payment.authorized, payment.captured, order.paid.</summary>
    Captured,

    /// <summary>Authorised, not captured (e.g. authorised after the capture window): payment.authorized only.</summary>
    Authorized,

    /// <summary>The bank declined: payment.failed; Checkout returns no signature.</summary>
    Failed,
}

/// <summary>What Checkout hands the browser after a payment: the three callback fields (no signature for a failure).</summary>
public sealed record SimulatedCheckout(string RazorpayPaymentId, string RazorpayOrderId, string? RazorpaySignature, SimulatedPayment Payment);

/// <summary>A failure the simulator's API plays instead of (or after) answering a call.</summary>
public enum SimulatedFailureKind
{
    /// <summary>Never answers: the request ends when the caller gives up (its timeout or cancellation).</summary>
    Hang,

    /// <summary>500 SERVER_ERROR, nothing done.</summary>
    ServerError,

    /// <summary>429 with Retry-After, nothing done.</summary>
    RateLimited,

    /// <summary>Does the call (e.g. creates the order), then drops the connection: the caller never learns it succeeded.</summary>
    ResponseLost,

    /// <summary>Does the call, then answers 500 SERVER_ERROR.</summary>
    ServerErrorAfterApplying,
}

/// <summary>The routes of the simulator's Razorpay API, named as in failure injection and call counts.</summary>
public static class SimulatorRoutes
{
    public const string CreateOrder = "POST /orders";
    public const string ListOrders = "GET /orders";
    public const string GetOrder = "GET /orders/{id}";
    public const string GetOrderPayments = "GET /orders/{id}/payments";
    public const string GetPayment = "GET /payments/{id}";
    public const string CapturePayment = "POST /payments/{id}/capture";
    public const string RefundPayment = "POST /payments/{id}/refund";
    public const string GetRefund = "GET /refunds/{id}";
}
