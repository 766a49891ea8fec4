namespace Diecast.Api.Payments.Razorpay;

/// <summary>
/// The one conversion between our rupees (<see cref="decimal"/>, everywhere in the shop) and Razorpay's paise (integers,
/// only on the wire: razorpay.md §2 "amount ... Integer in the smallest currency unit"). No floating point: 299.00 is
/// multiplied as a decimal and checked to be whole before it becomes a <see cref="long"/>.
/// </summary>
public static class RazorpayAmounts
{
    /// <summary>Paise in one rupee.</summary>
    public const long PaisePerRupee = 100;

    /// <summary>Razorpay's smallest order amount, in paise: "The amount must be at least INR 1.00" (razorpay.md §2, api/orders/create.md).</summary>
    public const long MinimumOrderPaise = 100;

    /// <summary>Razorpay's smallest order amount, in rupees (₹1.00).</summary>
    public const decimal MinimumOrderRupees = 1.00m;

    /// <summary>
    /// Rupees → paise. Refuses (<see cref="ArgumentOutOfRangeException"/>) a negative amount, a fraction of a paisa
    /// (₹1.005) and an amount beyond <see cref="long"/>; never rounds.
    /// </summary>
    public static long ToPaise(decimal rupees) =>
        TryToPaise(rupees, out var paise, out var error) ? paise : throw new ArgumentOutOfRangeException(nameof(rupees), rupees, error);

    /// <summary>
    /// Rupees → paise for a Razorpay order (POST /v1/orders): as <see cref="ToPaise"/>, and also refuses amounts below
    /// Razorpay's ₹1.00 minimum (<see cref="MinimumOrderRupees"/>).
    /// </summary>
    public static long ToOrderPaise(decimal rupees)
    {
        var paise = ToPaise(rupees);
        return paise >= MinimumOrderPaise
            ? paise
            : throw new ArgumentOutOfRangeException(nameof(rupees), rupees, $"Razorpay refuses orders below ₹{MinimumOrderRupees:0.00} ({MinimumOrderPaise} paise).");
    }

    /// <summary>Rupees → paise without throwing; <paramref name="error"/> says why not (negative, a fraction of a paisa, too large).</summary>
    public static bool TryToPaise(decimal rupees, out long paise, out string? error)
    {
        paise = 0;
        if (rupees < 0)
        {
            error = "An amount cannot be negative.";
            return false;
        }

        // decimal has 28-29 significant digits, so × 100 is exact for every amount that could fit a long afterwards.
        var scaled = rupees * PaisePerRupee;
        if (scaled != decimal.Truncate(scaled))
        {
            error = "An amount in rupees has at most two decimal places (whole paise).";
            return false;
        }

        if (scaled > long.MaxValue)
        {
            error = "The amount is too large.";
            return false;
        }

        paise = (long)scaled;
        error = null;
        return true;
    }

    /// <summary>Paise → rupees, exact, with two decimal places (29900 → 299.00). Negative paise are refused.</summary>
    public static decimal FromPaise(long paise)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(paise);
        return new decimal((int)(paise & 0xFFFFFFFF), (int)(paise >> 32), 0, isNegative: false, scale: 2);
    }
}
