using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Diecast.Api.Payments.Razorpay;

/// <summary>
/// Razorpay's two HMAC-SHA256 signatures, checked in constant time over exact bytes (razorpay.md §3 "Verifying the
/// checkout signature", §4 "Request format and headers"). Unlike the official .NET SDK (ASCII encoding, razorpay-dot-net
/// #156) text is UTF-8 and a webhook is verified over its raw body bytes, so ₹ or a Hindi name verifies.
/// </summary>
public static class RazorpaySignatures
{
    /// <summary>Bytes in an HMAC-SHA256; its hex form is twice as long.</summary>
    private const int SignatureBytes = 32;

    /// <summary>
    /// Whether <paramref name="signatureHex"/> (razorpay_signature from Checkout) is HMAC-SHA256 keyed with the API key
    /// secret over UTF-8 <c>"{order id}|{payment id}"</c>. The order id must be the one WE stored, never the one the
    /// browser echoes (razorpay.md §3, integration-steps.md §1.5). False for a missing secret or malformed hex.
    /// </summary>
    public static bool IsValidCheckoutSignature(string storedRazorpayOrderId, string razorpayPaymentId, string signatureHex, string keySecret)
    {
        ArgumentNullException.ThrowIfNull(storedRazorpayOrderId);
        ArgumentNullException.ThrowIfNull(razorpayPaymentId);
        if (string.IsNullOrEmpty(storedRazorpayOrderId) || string.IsNullOrEmpty(razorpayPaymentId))
        {
            return false;
        }

        var message = Encoding.UTF8.GetBytes($"{storedRazorpayOrderId}|{razorpayPaymentId}");
        return Verify(message, signatureHex, keySecret);
    }

    /// <summary>
    /// Whether <paramref name="signatureHex"/> (the X-Razorpay-Signature header) is HMAC-SHA256 over the raw body bytes
    /// keyed with any of <paramref name="webhookSecrets"/>: the current webhook secret and, while a rotation settles, the
    /// previous one (retries of events made before a rotation are signed with the old secret: razorpay.md §4). Empty
    /// secrets are skipped; a missing header or malformed hex is false.
    /// </summary>
    public static bool IsValidWebhookSignature(ReadOnlySpan<byte> rawBody, string? signatureHex, IEnumerable<string> webhookSecrets)
    {
        ArgumentNullException.ThrowIfNull(webhookSecrets);
        var valid = false;
        foreach (var secret in webhookSecrets)
        {
            // Every secret is tried (no early exit) so the time taken does not say which one matched.
            valid |= Verify(rawBody, signatureHex, secret);
        }

        return valid;
    }

    /// <summary>Lowercase hex HMAC-SHA256 of <paramref name="message"/> keyed with UTF-8 <paramref name="secret"/>: how Razorpay signs (the simulator and tests use it).</summary>
    public static string Sign(ReadOnlySpan<byte> message, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> mac = stackalloc byte[SignatureBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message, mac);
        return Convert.ToHexStringLower(mac);
    }

    private static bool Verify(ReadOnlySpan<byte> message, string? signatureHex, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || signatureHex is null || signatureHex.Length != SignatureBytes * 2)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[SignatureBytes];
        if (Convert.FromHexString(signatureHex, given, out _, out var written) != OperationStatus.Done || written != SignatureBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SignatureBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
