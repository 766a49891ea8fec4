namespace Diecast.Api.Payments;

/// <summary>The "Payments" configuration section: the webhook inbox, its worker and reconciliation.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>Largest webhook body accepted, in bytes; larger is 413 before the signature is checked. Razorpay's events are a few KB.</summary>
    public int WebhookMaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Whether this instance runs the inbox worker. Off: deliveries are stored and wait for an instance that runs it.</summary>
    public bool WebhookWorkerEnabled { get; set; } = true;

    /// <summary>Concurrent inbox workers in this instance (each claims with FOR UPDATE SKIP LOCKED).</summary>
    public int WebhookWorkers { get; set; } = 2;

    /// <summary>How often an idle worker looks for deliveries another instance stored (this instance's own wake it at once), in milliseconds.</summary>
    public int WebhookPollMilliseconds { get; set; } = 1000;

    /// <summary>Attempts before a delivery that keeps failing is set aside (processed, outcome "poison: …") for staff.</summary>
    public int WebhookMaxAttempts { get; set; } = 10;

    /// <summary>An order waiting for payment is asked about at Razorpay once it has waited this long, and again this long after each look.</summary>
    public int ReconcileAfterMinutes { get; set; } = 15;

    /// <summary>How often reconciliation runs, in seconds.</summary>
    public int ReconciliationIntervalSeconds { get; set; } = 60;

    /// <summary>Whether this instance runs reconciliation (every instance may; they skip each other's orders).</summary>
    public bool ReconciliationEnabled { get; set; } = true;

    /// <summary>How long after an order expired or was cancelled reconciliation still looks for a late payment (Razorpay settles late authorisations for up to 3 days; razorpay.md "Late authorisation").</summary>
    public int LatePaymentLookbackHours { get; set; } = 96;
}
