using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Diecast.Api.Checkout;

/// <summary>
/// The customer's key to their order without an account: the order's id and number, encrypted and authenticated with
/// ASP.NET Core Data Protection (purpose <see cref="Purpose"/>). The key ring is shared in PostgreSQL, so a token any
/// instance issued opens on every instance. Nothing is stored: a token is only as good as the keys.
/// Tokens do not expire: a confirmation mail's link must keep working after delivery. REVIEW: a forwarded link shows
/// that order (name, address) to whoever holds it, as a parcel label would; rotating the Data Protection keys does not
/// revoke tokens (old keys keep decrypting), deleting them does, for every order at once.
/// </summary>
public sealed class OrderTokens(IDataProtectionProvider provider)
{
    public const string Purpose = "Diecast.OrderToken.v1";

    /// <summary>A token is a few hundred characters; anything much longer is not one, and is not decrypted.</summary>
    public const int MaxLength = 1000;

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>An opaque, URL-safe token (base64url) that opens the order <paramref name="orderId"/> numbered <paramref name="number"/>.</summary>
    public string Issue(int orderId, string number)
    {
        var payload = new byte[4 + Encoding.UTF8.GetByteCount(number)];
        BinaryPrimitives.WriteInt32BigEndian(payload, orderId);
        Encoding.UTF8.GetBytes(number, payload.AsSpan(4));
        return WebEncoders.Base64UrlEncode(_protector.Protect(payload));
    }

    /// <summary>The order a token names; false for anything this server did not issue (tampered, truncated, other purpose).</summary>
    public bool TryOpen(string? token, out int orderId, out string number)
    {
        orderId = 0;
        number = "";
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return false;
        }

        try
        {
            var payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            if (payload.Length < 5)
            {
                return false;
            }

            orderId = BinaryPrimitives.ReadInt32BigEndian(payload);
            number = Encoding.UTF8.GetString(payload.AsSpan(4));
            return true;
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return false;
        }
    }
}
