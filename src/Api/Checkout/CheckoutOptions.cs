using System.ComponentModel.DataAnnotations;

namespace Diecast.Api.Checkout;

/// <summary>The "Checkout" configuration section (environment variables <c>Checkout__HoldMinutes</c> etc.).</summary>
public sealed class CheckoutOptions
{
    public const string Section = "Checkout";

    /// <summary>
    /// Razorpay's shortest automatic-capture window is 12 minutes (razorpay.md §2 "Capture settings",
    /// payments/payments/capture-settings.md); the Razorpay order's window is set to the hold, so the hold cannot be shorter.
    /// </summary>
    public const int MinimumHoldMinutes = 12;

    /// <summary>Razorpay's longest automatic-capture window: 3 days (same source).</summary>
    public const int MaximumHoldMinutes = 3 * 24 * 60;

    /// <summary>How long an unpaid order keeps its stock, in minutes; then the expiry job releases it. 12 to 4320.</summary>
    [Range(MinimumHoldMinutes, MaximumHoldMinutes)]
    public int HoldMinutes { get; set; } = 30;

    /// <summary>The most units of one product one order may buy (pre-orders included). 1 to 1000.</summary>
    [Range(1, 1000)]
    public int MaxQuantityPerLine { get; set; } = 10;

    /// <summary>How often each instance looks for orders whose hold has run out, in seconds. 1 to 3600.</summary>
    [Range(1, 3600)]
    public int ExpiryIntervalSeconds { get; set; } = 60;

    /// <summary>Run the hold expiry on this instance (instances skip each other's orders, so several may).</summary>
    public bool ExpiryEnabled { get; set; } = true;

    public TimeSpan Hold => TimeSpan.FromMinutes(HoldMinutes);
}
