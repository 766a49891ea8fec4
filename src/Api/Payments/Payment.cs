namespace Diecast.Api.Payments;

/// <summary>A Razorpay payment we have heard of (webhook, checkout callback or reconciliation), one row per payment id.</summary>
public sealed class Payment
{
    public long Id { get; set; }

    public int OrderId { get; set; }

    /// <summary>Razorpay's id, <c>pay_…</c>.</summary>
    public required string RazorpayPaymentId { get; set; }

    /// <summary>The Razorpay order it paid, <c>order_…</c>.</summary>
    public required string RazorpayOrderId { get; set; }

    public PaymentAttemptStatus Status { get; set; }

    /// <summary>Rupees.</summary>
    public decimal Amount { get; set; }

    /// <summary>ISO 4217, e.g. INR.</summary>
    public required string Currency { get; set; }

    /// <summary>card, upi, netbanking, wallet or emi, as Razorpay names it.</summary>
    public string? Method { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorDescription { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>When it was captured (UTC).</summary>
    public DateTime? CapturedAt { get; set; }
}

/// <summary>A Razorpay payment's life (razorpay.md §2, Payment lifecycle); stored as text.</summary>
public enum PaymentAttemptStatus
{
    Created,
    Authorized,
    Captured,
    Failed,
    Refunded,
}
