using System.ComponentModel.DataAnnotations;

namespace Diecast.Storefront.Cart;

/// <summary>The cart's settings: configuration section "Cart" (e.g. <c>Cart__MaxQuantityPerLine</c>).</summary>
public sealed class CartOptions
{
    public const string Section = "Cart";

    /// <summary>
    /// The most units of one product a cart line may hold: must not exceed the API's <c>Checkout__MaxQuantityPerLine</c>
    /// (10 by default), or checkoutQuote refuses the cart. Adding beyond it clamps to it.
    /// </summary>
    [Range(1, 1000)]
    public int MaxQuantityPerLine { get; set; } = 10;

    /// <summary>How long a cart lives after its last change, in days: the cookie's Max-Age and the sealed record's age limit.</summary>
    [Range(1, 365)]
    public int LifetimeDays { get; set; } = 30;

    public TimeSpan Lifetime => TimeSpan.FromDays(LifetimeDays);
}
