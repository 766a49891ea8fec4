namespace Diecast.Api.Payments;

/// <summary>A refund we asked Razorpay for; its id is the source of the <c>X-Refund-Idempotency</c> key (razorpay.md §5).</summary>
public sealed class Refund
{
    public Guid Id { get; set; }

    public int OrderId { get; set; }

    public required string RazorpayPaymentId { get; set; }

    /// <summary>Razorpay's id, <c>rfnd_…</c>, once Razorpay has answered.</summary>
    public string? RazorpayRefundId { get; set; }

    /// <summary>Rupees.</summary>
    public decimal Amount { get; set; }

    public required string Reason { get; set; }

    /// <summary>Whether the refunded units go back on sale once the refund is processed.</summary>
    public bool Restock { get; set; }

    public RefundStatus Status { get; set; }

    /// <summary>The admin who asked (the token's name), or "late-payment" for an automatic refund.</summary>
    public required string RequestedBy { get; set; }

    public string? FailureReason { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// When reconciliation last asked Razorpay how this pending refund stands (UTC); null until it has. A refund's
    /// settlement normally comes by webhook; this is what keeps a lost one from leaving the refund pending for ever.
    /// </summary>
    public DateTime? StatusCheckedAt { get; set; }
}

/// <summary>A refund's life at Razorpay (razorpay.md §5: pending, then processed or failed); stored as text.</summary>
public enum RefundStatus
{
    Pending,
    Processed,
    Failed,
}
