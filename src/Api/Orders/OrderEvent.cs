namespace Diecast.Api.Orders;

/// <summary>One entry of an order's timeline: who or what changed the order, when, and what happened.</summary>
public sealed class OrderEvent
{
    public long Id { get; set; }

    public int OrderId { get; set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTime OccurredAt { get; set; }

    public OrderEventActor Actor { get; set; }

    /// <summary>The admin's name (the token's name) for admin actions; null otherwise.</summary>
    public string? ActorName { get; set; }

    public OrderEventKind Kind { get; set; }

    /// <summary>A sentence for people, naming the API's enum values (PAID), never a secret.</summary>
    public required string Message { get; set; }

    /// <summary>Facts as a JSON object (Razorpay ids, amounts in rupees, statuses before and after); null when there are none.</summary>
    public string? Data { get; set; }
}

/// <summary>Who or what made an order change; stored as text.</summary>
public enum OrderEventActor
{
    Customer,
    Admin,
    RazorpayWebhook,
    Reconciliation,
    Expiry,
    System,
}

/// <summary>What kind of change an order event records; stored as text, so a new kind needs no migration.</summary>
public enum OrderEventKind
{
    Placed,
    PaymentStarted,
    PaymentAuthorized,
    PaymentCaptured,
    PaymentFailed,
    PaymentMismatch,
    StockReserved,
    StockReleased,
    StockSold,
    Expired,
    Cancelled,
    FulfilmentChanged,
    RefundRequested,
    RefundProcessed,
    RefundFailed,
    LatePaymentHonoured,
    LatePaymentRefunded,
    Note,
}
