using System.Globalization;

namespace Diecast.Storefront.Components;

/// <summary>Prices as Indian shoppers read them: ₹ and lakh grouping (₹1,29,999), paise only when not whole (₹499.50).</summary>
public static class Money
{
    // The app runs with invariant globalization (no ICU), so en-IN's grouping is spelled out: 3 digits, then 2s.
    private static readonly NumberFormatInfo Indian = CreateIndian();

    public static string Format(decimal rupees)
    {
        var whole = decimal.Round(rupees, 2) == decimal.Truncate(rupees);
        return "₹" + rupees.ToString(whole ? "N0" : "N2", Indian);
    }

    private static NumberFormatInfo CreateIndian()
    {
        var format = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        format.NumberGroupSizes = [3, 2];
        format.NumberGroupSeparator = ",";
        format.NumberDecimalSeparator = ".";
        format.NegativeSign = "-";
        return NumberFormatInfo.ReadOnly(format);
    }
}
