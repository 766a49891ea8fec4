using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Diecast.Storefront.Cart;

/// <summary>
/// The cart's cookie value: a small binary record sealed with ASP.NET Core Data Protection (authenticated encryption,
/// purpose <see cref="Purpose"/>), then base64url. Nobody can read it or change it without the key ring, and
/// <see cref="TryOpen"/> turns anything that does not open into "no cart", never an exception.
/// </summary>
/// <remarks>
/// The record: format version (1 byte), cart id (16 bytes), revision (8), when it was sealed (Unix seconds, 8), the
/// line count (1), then per line the product ID (length-prefixed UTF-8, at most <see cref="MaxProductIdLength"/>
/// characters of <c>[A-Za-z0-9+/=_-]</c>), the quantity (4) and the optional price hint in paise (1 + 8).
/// Aging is checked against the sealed time with the injected <see cref="TimeProvider"/>, not with Data Protection's
/// time-limited protector, which reads the system clock itself (tests could not move it).
/// </remarks>
public sealed class CartCookie(IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The Data Protection purpose: a payload sealed for any other purpose (an order token, antiforgery) does not open.</summary>
    public const string Purpose = "Diecast.Storefront.Cart.v1";

    /// <summary>Longest product ID kept; the API's are about 16 characters.</summary>
    public const int MaxProductIdLength = 100;

    /// <summary>Longest cookie value that is opened at all; browsers keep about 4096 bytes per cookie.</summary>
    public const int MaxValueLength = 4000;

    private const byte FormatVersion = 1;

    /// <summary>The largest price hint kept, in rupees: anything above is dropped (the hint is only for a notice).</summary>
    private const decimal MaxPriceHint = 100_000_000m;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>The sealed value of <paramref name="cart"/>, or null when it would not fit in a cookie (unusually long product IDs).</summary>
    public string? Seal(Cart cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(cart.Id.ToByteArray());
            writer.Write(cart.Revision);
            writer.Write(time.GetUtcNow().ToUnixTimeSeconds());
            writer.Write((byte)cart.Lines.Count);
            foreach (var line in cart.Lines)
            {
                writer.Write(line.ProductId);
                writer.Write(line.Quantity);
                var paise = line.SeenUnitPrice is { } price and > 0 and <= MaxPriceHint ? decimal.ToInt64(decimal.Round(price * 100m)) : 0L;
                writer.Write(paise > 0);
                if (paise > 0)
                {
                    writer.Write(paise);
                }
            }
        }

        var value = Base64Url.EncodeToString(_protector.Protect(buffer.ToArray()));
        return value.Length <= MaxValueLength ? value : null;
    }

    /// <summary>
    /// Opens a cookie value. False (and <paramref name="cart"/> null) for anything that is not a cart this shop sealed
    /// within <paramref name="lifetime"/> and that keeps the cart's rules: tampered, truncated, sealed with a key no longer
    /// in the ring or for another purpose, garbage, oversized, too old, more than <see cref="Cart.MaxLines"/> lines, a
    /// product twice, a quantity outside 1 to <paramref name="maxQuantityPerLine"/>.
    /// </summary>
    public bool TryOpen(string? value, TimeSpan lifetime, int maxQuantityPerLine, out Cart? cart)
    {
        cart = null;
        if (string.IsNullOrEmpty(value) || value.Length > MaxValueLength)
        {
            return false;
        }

        byte[] payload;
        try
        {
            payload = _protector.Unprotect(Base64Url.DecodeFromChars(value));
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return false;
        }

        try
        {
            cart = Read(payload, lifetime, maxQuantityPerLine);
            return cart is not null;
        }
        catch (Exception exception) when (exception is EndOfStreamException or IOException or ArgumentException or DecoderFallbackException)
        {
            return false;
        }
    }

    private Cart? Read(byte[] payload, TimeSpan lifetime, int maxQuantityPerLine)
    {
        using var reader = new BinaryReader(new MemoryStream(payload), new UTF8Encoding(false, throwOnInvalidBytes: true));
        if (reader.ReadByte() != FormatVersion)
        {
            return null;
        }

        var id = new Guid(reader.ReadBytes(16));
        var revision = reader.ReadInt64();
        var sealedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(reader.ReadInt64(), 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        var count = reader.ReadByte();
        var age = time.GetUtcNow() - sealedAt;
        if (id == Guid.Empty || revision < 1 || age > lifetime || count > Cart.MaxLines)
        {
            return null;
        }

        var lines = new List<CartLine>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var productId = reader.ReadString();
            var quantity = reader.ReadInt32();
            decimal? price = reader.ReadBoolean() ? reader.ReadInt64() / 100m : null;
            if (!IsProductId(productId) || !seen.Add(productId) || quantity < 1 || quantity > maxQuantityPerLine || price is <= 0 or > MaxPriceHint)
            {
                return null;
            }

            lines.Add(new CartLine(productId, quantity, price));
        }

        return reader.BaseStream.Position == payload.Length ? new Cart(id, revision, lines) : null;
    }

    /// <summary>What a product ID may look like: the API's IDs are base64 (or base64url) text.</summary>
    public static bool IsProductId(string? productId) =>
        productId is { Length: > 0 and <= MaxProductIdLength } && productId.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '_' or '-');
}
