namespace Diecast.Api.Checkout;

/// <summary>
/// Indian mobile numbers as shoppers type them. Ten digits starting with 6, 7, 8 or 9 (the mobile ranges of India's
/// National Numbering Plan), optionally after +91, 91 or a trunk 0; spaces and hyphens anywhere are ignored. Only
/// ASCII digits count: "９８７…" (full-width) or other scripts' digits are refused rather than read as numbers.
/// </summary>
public static class IndianPhone
{
    /// <summary>The stored form, E.164: "+91" and ten digits, e.g. "+919876543210"; false when <paramref name="input"/> is not a mobile number.</summary>
    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = "";
        if (input is null || input.Length > 40)
        {
            return false;
        }

        Span<char> digits = stackalloc char[40];
        var count = 0;
        var plus = false;
        foreach (var c in input)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (c == '+' && count == 0 && !plus)
            {
                plus = true;
                continue;
            }

            if (c is < '0' or > '9')
            {
                return false;
            }

            digits[count++] = c;
        }

        ReadOnlySpan<char> number = digits[..count];
        if (plus)
        {
            // "+" is only ever India's country code here.
            if (count != 12 || !number.StartsWith("91"))
            {
                return false;
            }

            number = number[2..];
        }
        else if (count == 12 && number.StartsWith("91"))
        {
            number = number[2..];
        }
        else if (count == 11 && number[0] == '0')
        {
            number = number[1..];
        }

        if (number.Length != 10 || number[0] is < '6' or > '9')
        {
            return false;
        }

        normalized = "+91" + new string(number);
        return true;
    }
}
