using Microsoft.Extensions.Options;

namespace Diecast.Storefront.Cart;

/// <summary>
/// Reads and writes the shopper's cart in its cookies: <see cref="CookieName"/> (the sealed cart: HttpOnly,
/// <c>Secure</c> outside Development, <c>SameSite=Lax</c>, <c>Path=/</c>, Max-Age <see cref="CartOptions.LifetimeDays"/>)
/// and <see cref="CountCookieName"/> (the number of units only, readable by the header's script, not a secret).
/// Registered as a singleton; state lives in the cookies alone, so any storefront instance serves any cart.
/// </summary>
public sealed class CartSession(CartCookie cookie, IOptions<CartOptions> options, IHostEnvironment environment)
{
    /// <summary>The sealed cart.</summary>
    public const string CookieName = "diecast_cart";

    /// <summary>The header's count: units in the cart, plain digits; absent when the cart is empty.</summary>
    public const string CountCookieName = "diecast_cart_count";

    private static readonly object ItemKey = new();

    /// <summary>The most units of one product a line may hold (Cart__MaxQuantityPerLine).</summary>
    public int MaxQuantityPerLine => options.Value.MaxQuantityPerLine;

    /// <summary>
    /// The request's cart (or the one <see cref="Write"/> wrote during it). A missing cookie, and one that does not open
    /// for any reason (see <see cref="CartCookie.TryOpen"/>), is <see cref="Cart.Empty"/>: never an error, and nothing is
    /// written back, so reading is safe on any page.
    /// </summary>
    public Cart Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var known) && known is Cart current)
        {
            return current;
        }

        var cart = cookie.TryOpen(context.Request.Cookies[CookieName], options.Value.Lifetime, options.Value.MaxQuantityPerLine, out var opened)
            ? opened!
            : Cart.Empty;
        context.Items[ItemKey] = cart;
        return cart;
    }

    /// <summary>
    /// Writes <paramref name="cart"/> to the response's cookies. False, writing nothing, when the sealed cart would not fit
    /// in a cookie (only unusually long product IDs can do that). Never on an output-cached page: it sets cookies.
    /// </summary>
    public bool Write(HttpContext context, Cart cart)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cart);
        if (cookie.Seal(cart) is not { } value)
        {
            return false;
        }

        context.Response.Cookies.Append(CookieName, value, Options(httpOnly: true));
        if (cart.Count > 0)
        {
            context.Response.Cookies.Append(CountCookieName, cart.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Options(httpOnly: false));
        }
        else
        {
            // Without Max-Age: a browser prefers it to the past Expires that deletes the cookie.
            context.Response.Cookies.Delete(CountCookieName, new CookieOptions(Options(httpOnly: false)) { MaxAge = null });
        }

        context.Items[ItemKey] = cart;
        return true;
    }

    /// <summary>
    /// Replaces the cart with a new, empty one under a new id: what checkout calls once its order is placed. The placed
    /// cart's id and revision (so its <see cref="Cart.CheckoutKey"/>) are never used again, and its lines never come back.
    /// </summary>
    public Cart StartNew(HttpContext context)
    {
        var fresh = new Cart(Guid.NewGuid(), 1, []);
        Write(context, fresh);
        return fresh;
    }

    private CookieOptions Options(bool httpOnly) => new()
    {
        HttpOnly = httpOnly,
        Secure = !environment.IsDevelopment(),
        SameSite = SameSiteMode.Lax,
        Path = "/",
        MaxAge = options.Value.Lifetime,
        IsEssential = true,
    };
}
