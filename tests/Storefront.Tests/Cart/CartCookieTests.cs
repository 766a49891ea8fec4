using System.Buffers.Text;
using System.Text.RegularExpressions;
using Diecast.Storefront.Cart;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using ShopCart = Diecast.Storefront.Cart.Cart;

namespace Diecast.Storefront.Tests.Cart;

/// <summary>
/// The cart cookie's seal on a real Data Protection key ring (a folder of its own): what it opens, and every kind of
/// value it must not open, each of which is an empty cart for the pages (CartPageTests shows that end to end).
/// </summary>
public sealed partial class CartCookieTests(ITestOutputHelper output) : IDisposable
{
    private const int Max = 10;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("diecast-cart-keys-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private CartCookie? _cookie;

    private CartCookie Cookie => _cookie ??= new CartCookie(Provider(_keys), _time);

    private static IDataProtectionProvider Provider(DirectoryInfo keys, string application = StorefrontKeyRing.ApplicationName) =>
        DataProtectionProvider.Create(keys, builder => builder.SetApplicationName(application));

    private static readonly string ProductA = Id(1);
    private static readonly string ProductB = Id(2);

    private static string Id(int n) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Product:{n}"));

    private static ShopCart TwoLines() =>
        ShopCart.Empty.Add(ProductA, 2, 1499.50m, Max)!.Add(ProductB, 1, null, Max)!;

    [Fact]
    public void A_sealed_cart_opens_as_it_was_written()
    {
        var cart = TwoLines();

        var value = Cookie.Seal(cart);

        Assert.True(Cookie.TryOpen(value, Lifetime, Max, out var opened));
        Assert.Equal(cart, opened);
        Assert.Equal([(ProductA, 2, (decimal?)1499.50m), (ProductB, 1, null)], opened!.Lines.Select(l => (l.ProductId, l.Quantity, l.SeenUnitPrice)));
        // Nothing of the cart is readable in the value (it is encrypted, not only signed).
        Assert.DoesNotContain("Product", value, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]+$", value!);
    }

    public static TheoryData<string> Tamperings => ["flipped byte at start", "flipped byte in middle", "flipped byte at end", "truncated", "one character more",
        "another purpose's payload", "another application's key ring", "garbage", "not base64", "huge", "empty", "a cart from a folder whose keys are gone"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void A_value_that_is_not_a_cart_this_shop_sealed_does_not_open(string kind)
    {
        var value = Cookie.Seal(TwoLines())!;
        var bytes = Base64Url.DecodeFromChars(value);
        string Flip(int at)
        {
            var copy = (byte[])bytes.Clone();
            copy[at] ^= 0x20;
            return Base64Url.EncodeToString(copy);
        }

        using var otherKeys = new TempFolder();
        var tampered = kind switch
        {
            "flipped byte at start" => Flip(0),
            "flipped byte in middle" => Flip(bytes.Length / 2),
            "flipped byte at end" => Flip(bytes.Length - 1),
            "truncated" => value[..(value.Length - 5)],
            "one character more" => value + "A",
            "another purpose's payload" => Base64Url.EncodeToString(Provider(_keys).CreateProtector("Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1").Protect([1, 2, 3])),
            "another application's key ring" => new CartCookie(Provider(_keys, "Someone.Else"), _time).Seal(TwoLines())!,
            "garbage" => "dGhpcyBpcyBub3QgYSBjYXJ0",
            "not base64" => "%%%not*base64!!",
            "huge" => new string('A', 100_000),
            "empty" => "",
            _ => new CartCookie(Provider(otherKeys.Directory), _time).Seal(TwoLines())!,
        };

        Assert.False(Cookie.TryOpen(tampered, Lifetime, Max, out var cart));
        Assert.Null(cart);
    }

    [Fact]
    public void A_payload_of_another_purpose_sealed_with_the_same_keys_does_not_open_even_when_it_holds_a_cart_record()
    {
        // The same bytes a cart cookie holds, sealed by the same key ring for another purpose (say, an order token).
        var protector = Provider(_keys).CreateProtector(CartCookie.Purpose);
        var cartRecord = protector.Unprotect(Base64Url.DecodeFromChars(Cookie.Seal(TwoLines())!));
        var other = Base64Url.EncodeToString(Provider(_keys).CreateProtector("Diecast.OrderToken.v1").Protect(cartRecord));

        Assert.False(Cookie.TryOpen(other, Lifetime, Max, out _));
        Assert.True(Cookie.TryOpen(Base64Url.EncodeToString(protector.Protect(cartRecord)), Lifetime, Max, out _));
    }

    public static TheoryData<string> BrokenRules => ["51 lines", "a product twice", "quantity 0", "negative quantity", "quantity over the maximum", "an ID with a space", "no id", "revision 0"];

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void A_genuinely_sealed_cart_that_breaks_the_carts_rules_does_not_open(string kind)
    {
        var id = Guid.NewGuid();
        var cart = kind switch
        {
            "51 lines" => new ShopCart(id, 1, [.. Enumerable.Range(1, 51).Select(i => new CartLine(Id(i), 1, null))]),
            "a product twice" => new ShopCart(id, 1, [new CartLine(ProductA, 1, null), new CartLine(ProductA, 2, null)]),
            "quantity 0" => new ShopCart(id, 1, [new CartLine(ProductA, 0, null)]),
            "negative quantity" => new ShopCart(id, 1, [new CartLine(ProductA, -4, null)]),
            "quantity over the maximum" => new ShopCart(id, 1, [new CartLine(ProductA, Max + 1, null)]),
            "an ID with a space" => new ShopCart(id, 1, [new CartLine("Product 1", 1, null)]),
            "no id" => new ShopCart(Guid.Empty, 1, [new CartLine(ProductA, 1, null)]),
            _ => new ShopCart(id, 0, [new CartLine(ProductA, 1, null)]),
        };

        var value = Cookie.Seal(cart);

        Assert.NotNull(value);
        Assert.False(Cookie.TryOpen(value, Lifetime, Max, out _));
    }

    [Fact]
    public void A_cart_ages_out_a_lifetime_after_it_was_last_written()
    {
        var value = Cookie.Seal(TwoLines());

        _time.Advance(Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(Cookie.TryOpen(value, Lifetime, Max, out _));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(Cookie.TryOpen(value, Lifetime, Max, out _));
    }

    [Fact]
    public void Fifty_lines_of_real_IDs_with_price_hints_fit_in_a_cookie()
    {
        var cart = ShopCart.Empty;
        for (var i = 0; i < ShopCart.MaxLines; i++)
        {
            cart = cart.Add(Id(1_000_000 + i), Max, 1_29_999.99m, Max)!;
        }

        var value = Cookie.Seal(cart);

        Assert.NotNull(value);
        output.WriteLine($"50 lines with price hints: {value.Length} characters (bound {CartCookie.MaxValueLength})");
        Assert.True(value.Length < CartCookie.MaxValueLength, $"{value.Length} characters");
        Assert.True(Cookie.TryOpen(value, Lifetime, Max, out var opened));
        Assert.Equal(50, opened!.Lines.Count);
    }

    [Fact]
    public void Adding_clamps_to_the_per_line_maximum_and_a_51st_product_is_refused()
    {
        var cart = ShopCart.Empty.Add(ProductA, 7, null, Max)!.Add(ProductA, 7, null, Max)!;
        Assert.Equal(Max, cart.Find(ProductA)!.Quantity);
        Assert.Single(cart.Lines);

        for (var i = 0; i < 49; i++)
        {
            cart = cart.Add(Id(100 + i), 1, null, Max)!;
        }

        Assert.Null(cart.Add(Id(999), 1, null, Max));
        Assert.NotNull(cart.Add(ProductA, 1, null, Max));
    }

    [Fact]
    public void The_checkout_key_fits_placeOrders_rule_stays_with_the_cart_and_changes_with_every_change()
    {
        var cart = TwoLines();
        var repriced = cart.WithSeenPrices(new Dictionary<string, decimal> { [ProductB] = 10m });
        var changed = cart.SetQuantity(ProductA, 3, Max);
        var emptied = changed.Remove(ProductA).Remove(ProductB);

        Assert.Matches(IdempotencyKeyRule(), cart.CheckoutKey!);
        Assert.Equal(cart.CheckoutKey, repriced.CheckoutKey);
        Assert.Equal(cart.CheckoutKey, cart.SetQuantity(ProductA, 2, Max).CheckoutKey); // no change, no new key
        Assert.Equal(4, new[] { cart.CheckoutKey, changed.CheckoutKey, changed.Remove(ProductA).CheckoutKey, emptied.CheckoutKey }.Distinct().Count());
        Assert.Null(ShopCart.Empty.CheckoutKey);
        // Two carts never share a key, even at the same revision.
        Assert.NotEqual(ShopCart.Empty.Add(ProductA, 1, null, Max)!.CheckoutKey, ShopCart.Empty.Add(ProductA, 1, null, Max)!.CheckoutKey);
    }

    // The API's idempotencyKey rule (PlaceOrderInputValidator).
    [GeneratedRegex(@"^[A-Za-z0-9_-]{16,100}\z")]
    private static partial Regex IdempotencyKeyRule();

    public void Dispose() => _keys.Delete(recursive: true);

    private sealed class TempFolder : IDisposable
    {
        public DirectoryInfo Directory { get; } = System.IO.Directory.CreateTempSubdirectory("diecast-other-keys-");

        public void Dispose() => Directory.Delete(recursive: true);
    }
}
