using Diecast.Storefront.Components;

namespace Diecast.Storefront.Cart;

/// <summary>
/// Brings a cart in line with what the API says can be bought now (its <c>checkoutQuote</c> lines, through the
/// <c>CartQuoteLine</c> fragment), and says what changed in words a shopper reads: a price that changed since they saw
/// it, a quantity reduced to what is in stock, a model sold out, retired or gone from the catalogue (those lines are
/// taken out). The cart page and checkout both call it, so a shopper is told once, wherever they look first.
/// </summary>
public static class CartReview
{
    /// <summary>The cart that matches <paramref name="quoted"/> (buyable lines at buyable quantities, price hints updated) and the notices.</summary>
    /// <param name="cart">The cart as the cookie holds it.</param>
    /// <param name="quoted">The quote of exactly that cart's lines.</param>
    /// <returns>
    /// The reconciled cart (a new revision when a line changed or went; the same revision when only price hints did; the
    /// same instance when nothing did) and the notices, in the cart's order.
    /// </returns>
    /// <param name="asked">
    /// Quantities the shopper asked for that the storefront already lowered to its per-line maximum (the cart page's
    /// quantity field), by product: a line the quote lowers further is said once, against what the shopper asked for.
    /// </param>
    public static (Cart Cart, IReadOnlyList<string> Notices) Reconcile(Cart cart, IReadOnlyList<ICartQuoteLine> quoted, IReadOnlyDictionary<string, int>? asked = null)
    {
        ArgumentNullException.ThrowIfNull(cart);
        ArgumentNullException.ThrowIfNull(quoted);
        var notices = new List<string>();
        var reviewed = cart;
        var shownPrices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in cart.Lines)
        {
            if (quoted.FirstOrDefault(q => q.ProductId == line.ProductId) is not { } quote)
            {
                continue;
            }

            var name = quote.Product?.Name;
            switch (quote.Issue)
            {
                case CheckoutLineIssue.Unavailable:
                    notices.Add($"{name ?? "A model in your cart"} is no longer in our catalogue, so we took it out of your cart.");
                    reviewed = reviewed.Remove(line.ProductId);
                    continue;
                case CheckoutLineIssue.SoldOut:
                    notices.Add($"{name} has sold out, so we took it out of your cart.");
                    reviewed = reviewed.Remove(line.ProductId);
                    continue;
                case CheckoutLineIssue.Retired:
                    notices.Add($"{name} has been retired (it is no longer made), so we took it out of your cart.");
                    reviewed = reviewed.Remove(line.ProductId);
                    continue;
                case CheckoutLineIssue.QuantityReduced:
                    var chose = asked?.GetValueOrDefault(line.ProductId) is > 0 and var typed ? Math.Max(typed, quote.RequestedQuantity) : quote.RequestedQuantity;
                    notices.Add($"Only {quote.Quantity} of {name} can be bought now, so your cart holds {quote.Quantity} instead of the {chose} you chose.");
                    reviewed = reviewed.SetQuantity(line.ProductId, quote.Quantity, int.MaxValue);
                    break;
            }

            if (quote.UnitPrice is { } price)
            {
                if (line.SeenUnitPrice is { } seen && seen != price)
                {
                    notices.Add($"The price of {name} {(price > seen ? "went up" : "went down")} from {Money.Format(seen)} to {Money.Format(price)}.");
                }

                shownPrices[line.ProductId] = price;
            }
        }

        var priced = reviewed.WithSeenPrices(shownPrices);
        return (priced.Equals(cart) ? cart : priced, notices);
    }
}
