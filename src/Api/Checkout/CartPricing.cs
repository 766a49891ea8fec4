using Diecast.Api.Catalog;
using Diecast.Api.Orders;

namespace Diecast.Api.Checkout;

/// <summary>Whether one cart line can be bought as asked, by placeOrder's rules (<see cref="CartPricing.Judge"/>).</summary>
public enum LineVerdict
{
    /// <summary>For sale in the quantity asked (in stock, or a pre-order).</summary>
    Sellable,

    /// <summary>No product in the catalog has this ID, or it is archived.</summary>
    Unknown,

    /// <summary>The product's status is SOLD_OUT.</summary>
    SoldOut,

    /// <summary>The product's status is RETIRED.</summary>
    Retired,

    /// <summary>On sale, but fewer units are in stock than asked (possibly none).</summary>
    TooFewInStock,
}

/// <summary>
/// The rules placeOrder prices and refuses a cart by, shared with checkoutQuote so that a quote says exactly what
/// placing the order would do with the same catalog: a line is judged on the product's state, priced at its price now,
/// and shipping is <see cref="ShippingFees"/> on the subtotal.
/// </summary>
public static class CartPricing
{
    /// <summary>What placeOrder would decide about <paramref name="quantity"/> units of <paramref name="product"/> (null: not in the catalog).</summary>
    public static LineVerdict Judge(CatalogLine? product, int quantity) => product switch
    {
        null or { Archived: true } => LineVerdict.Unknown,
        { Status: CollectionStatus.SoldOut } => LineVerdict.SoldOut,
        { Status: CollectionStatus.Retired } => LineVerdict.Retired,
        // Pre-orders take orders without a stock check.
        { Status: not CollectionStatus.PreOrder } when product.StockQuantity < quantity => LineVerdict.TooFewInStock,
        _ => LineVerdict.Sellable,
    };

    /// <summary>Shipping for a cart whose lines sum to <paramref name="subtotal"/> rupees; nothing to ship (0) ships for nothing.</summary>
    public static decimal ShippingFor(decimal subtotal) => subtotal > 0 ? ShippingFees.For(subtotal) : 0m;
}
