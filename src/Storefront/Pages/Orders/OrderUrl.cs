using System.Text.RegularExpressions;

namespace Diecast.Storefront.Pages.Orders;

/// <summary>Addresses of a customer's order pages.</summary>
public static partial class OrderUrl
{
    /// <summary>The API's tokens are base64url (OrderTokens.Issue) and at most 1,000 characters (OrderTokens.MaxLength).</summary>
    public const int MaxTokenLength = 1000;

    /// <summary>The order page of <paramref name="token"/> (base64url needs no escaping; it is escaped anyway).</summary>
    public static string For(string token, PaymentReturn returned = PaymentReturn.None, int check = 0)
    {
        var path = "/orders/" + Uri.EscapeDataString(token);
        var query = returned switch
        {
            PaymentReturn.Received => "payment=received",
            PaymentReturn.Failed => "payment=failed",
            PaymentReturn.Unconfirmed => "payment=unconfirmed",
            _ => "",
        };
        if (check > 0)
        {
            query += (query.Length > 0 ? "&" : "") + "check=" + check.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return query.Length > 0 ? path + "?" + query : path;
    }

    /// <summary>Where Razorpay (or the simulator) posts the payment's outcome for the order of <paramref name="token"/>.</summary>
    public static string Callback(string token) => "/checkout/callback?token=" + Uri.EscapeDataString(token);

    /// <summary>Whether <paramref name="token"/> can be one of the API's order tokens; others are not sent to it.</summary>
    public static bool IsTokenShaped(string? token) => token is { Length: > 0 and <= MaxTokenLength } && TokenPattern().IsMatch(token);

    public static PaymentReturn ParseReturn(string? value) => value switch
    {
        "received" => PaymentReturn.Received,
        "failed" => PaymentReturn.Failed,
        "unconfirmed" => PaymentReturn.Unconfirmed,
        _ => PaymentReturn.None,
    };

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
