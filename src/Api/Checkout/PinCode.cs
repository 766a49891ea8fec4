namespace Diecast.Api.Checkout;

/// <summary>
/// Indian postal index numbers: six ASCII digits, the first 1–9 (India Post's nine PIN zones; no PIN starts with 0).
/// Written "400001" or, as on many letters, "400 001"; stored without the space.
/// </summary>
public static class PinCode
{
    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = "";
        if (input is null)
        {
            return false;
        }

        var text = input.Length == 7 && input[3] == ' ' ? string.Concat(input.AsSpan(0, 3), input.AsSpan(4)) : input;
        if (text.Length != 6 || text[0] is < '1' or > '9')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        normalized = text;
        return true;
    }
}
