namespace Diecast.Api.Payments;

/// <summary>
/// A webhook delivery in the inbox: stored (signature checked, unique on the event id) before Razorpay gets its 2xx, and
/// applied afterwards by a worker on any instance (razorpay.md §4, Processing guidance).
/// </summary>
public sealed class RazorpayWebhookDelivery
{
    public long Id { get; set; }

    /// <summary><c>X-Razorpay-Event-Id</c>: the same on every retry of one event.</summary>
    public required string EventId { get; set; }

    /// <summary>The event's name, e.g. <c>payment.captured</c>.</summary>
    public required string Event { get; set; }

    /// <summary>The body exactly as received (UTF-8), whose signature was verified.</summary>
    public required string Payload { get; set; }

    /// <summary>UTC.</summary>
    public DateTime ReceivedAt { get; set; }

    /// <summary>When a worker applied it (UTC); null until then.</summary>
    public DateTime? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>After a failed attempt, not before this (UTC).</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>What processing did, e.g. "applied" or "ignored: order already PAID".</summary>
    public string? Outcome { get; set; }

    /// <summary>The last processing failure; never a secret.</summary>
    public string? LastError { get; set; }
}
