using Diecast.Api.Catalog;
using Diecast.GraphQL.Server.Relay;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Checkout;

/// <summary>Why a quoted line cannot be bought as asked (null on a line that can).</summary>
public enum CheckoutLineIssue
{
    /// <summary>No product in the catalog has this ID (unknown, archived, or not a product ID at all), or an earlier line already asks for its product: quantity 0.</summary>
    Unavailable,

    /// <summary>The product is SOLD_OUT, or on sale with no unit left: quantity 0.</summary>
    SoldOut,

    /// <summary>The product is RETIRED: quantity 0.</summary>
    Retired,

    /// <summary>Fewer units are in stock than asked: quantity is what can be bought now (1 or more).</summary>
    QuantityReduced,
}

/// <summary>One line of a quote: what was asked, what can be bought now and at what price (rupees).</summary>
/// <param name="ProductId">The product ID as the cart gave it.</param>
/// <param name="Product">The product, when it is in the catalog (not archived); null otherwise.</param>
/// <param name="RequestedQuantity">Units the cart asked for.</param>
/// <param name="Quantity">Units that can be bought now: the request, fewer (stock), or 0.</param>
/// <param name="UnitPrice">The product's price now, in rupees; null when it is not in the catalog.</param>
/// <param name="Issue">Why <paramref name="Quantity"/> differs from the request; null when it does not.</param>
public sealed record CheckoutQuoteLine(string ProductId, Product? Product, int RequestedQuantity, int Quantity, decimal? UnitPrice, CheckoutLineIssue? Issue)
{
    /// <summary><see cref="UnitPrice"/> × <see cref="Quantity"/>, in rupees; 0 for a line that cannot be bought.</summary>
    public decimal LineTotal => (UnitPrice ?? 0m) * Quantity;
}

/// <summary>A cart priced as placeOrder would price it now, without placing anything. Amounts in rupees.</summary>
public sealed record CheckoutQuote(IReadOnlyList<CheckoutQuoteLine> Lines, decimal Subtotal, decimal ShippingFee, int MaxQuantityPerLine)
{
    public decimal Total => Subtotal + ShippingFee;

    /// <summary>placeOrder would accept these lines as they are: at least one, and every one buyable as asked.</summary>
    public bool CanPlaceOrder => Lines.Count > 0 && Lines.All(l => l.Issue is null);
}

/// <summary>
/// checkoutQuote: prices a cart by placeOrder's rules (<see cref="CartPricing"/>, <see cref="Orders.ShippingFees"/>, the input
/// validator's line rules) in one database statement. What a cart kept in a cookie can come to hold is judged line by
/// line, never refused, so the cart heals instead of failing on every view: a product ID that names nothing is
/// UNAVAILABLE (products leave the catalog), a quantity above Checkout__MaxQuantityPerLine is QUANTITY_REDUCED to it (a
/// storefront whose own maximum is higher), and a product already on an earlier line under another spelling of its ID
/// is UNAVAILABLE on the later line. A cart no cookie holds (more than 50 lines, a quantity below 1, an empty ID) is a
/// GraphQL error with code <see cref="InvalidCartCode"/>.
/// </summary>
public sealed class CheckoutQuotes(IValidator<PlaceOrderInput> validator, CheckoutCatalog catalog, IOptions<CheckoutOptions> options)
{
    /// <summary>The error code of a cart placeOrder would refuse for its shape.</summary>
    public const string InvalidCartCode = "INVALID_CART";

    public async Task<CheckoutQuote> QuoteAsync(DiecastDbContext db, IReadOnlyList<PlaceOrderItemInput> items, CancellationToken cancellationToken)
    {
        var maxQuantity = options.Value.MaxQuantityPerLine;
        if (items.Count == 0)
        {
            return new CheckoutQuote([], 0m, 0m, maxQuantity);
        }

        // A product already asked for on an earlier line (another spelling of its ID) is judged unavailable on this one.
        var ids = new int?[items.Count];
        var repeats = new bool[items.Count];
        for (var line = 0; line < items.Count; line++)
        {
            ids[line] = NodeId.TryDecodeInt(items[line].ProductId, ProductGraphType.TypeName, out var id) ? id : null;
            repeats[line] = ids[line] is not null && Array.IndexOf(ids, ids[line]) < line;
        }

        // placeOrder's own line rules on what is left (the customer and address are not asked for yet), each quantity
        // brought down to the maximum first: only a shape no cookie holds is refused.
        var judged = items.Where((_, line) => !repeats[line])
            .Select(item => new PlaceOrderItemInput { ProductId = item.ProductId, Quantity = Math.Min(item.Quantity, maxQuantity) });
        var validation = await validator.ValidateAsync(new PlaceOrderInput { Items = [.. judged] }, cancellationToken);
        var lineFailures = validation.Errors.Where(e => e.PropertyName.StartsWith(nameof(PlaceOrderInput.Items), StringComparison.Ordinal)).ToList();
        if (items.Count > PlaceOrderInputValidator.MaxLines || lineFailures.Count > 0)
        {
            throw Invalid(string.Join(" ", lineFailures.Select(f => f.ErrorMessage).DefaultIfEmpty($"A cart has at most {PlaceOrderInputValidator.MaxLines} lines.").Distinct()));
        }

        var products = await catalog.ReadProductsAsync(db, [.. ids.OfType<int>()], cancellationToken);
        var lines = new List<CheckoutQuoteLine>(items.Count);
        for (var line = 0; line < items.Count; line++)
        {
            var requested = items[line].Quantity;
            var buyable = Math.Min(requested, maxQuantity);
            var product = ids[line] is { } id && !repeats[line] ? products.GetValueOrDefault(id) : null;
            var catalogLine = product is null ? null : CheckoutCatalog.LineOf(product);
            var (quantity, issue) = CartPricing.Judge(catalogLine, buyable) switch
            {
                LineVerdict.Sellable when buyable < requested => (buyable, CheckoutLineIssue.QuantityReduced),
                LineVerdict.Sellable => (requested, (CheckoutLineIssue?)null),
                LineVerdict.Unknown => (0, CheckoutLineIssue.Unavailable),
                LineVerdict.SoldOut => (0, CheckoutLineIssue.SoldOut),
                LineVerdict.Retired => (0, CheckoutLineIssue.Retired),
                // Tells the stock only when it is below the quantity asked (at most Checkout__MaxQuantityPerLine), no
                // more than placeOrder's InsufficientStockError.available does.
                _ when catalogLine!.StockQuantity > 0 => (catalogLine.StockQuantity, CheckoutLineIssue.QuantityReduced),
                _ => (0, CheckoutLineIssue.SoldOut),
            };
            var visible = catalogLine is { Archived: false } ? product : null;
            lines.Add(new CheckoutQuoteLine(items[line].ProductId, visible, requested, quantity, visible?.Price, issue));
        }

        var subtotal = lines.Sum(l => l.LineTotal);
        return new CheckoutQuote(lines, subtotal, CartPricing.ShippingFor(subtotal), maxQuantity);
    }

    private static ExecutionError Invalid(string message) => new(message) { Code = InvalidCartCode };
}

public sealed class CheckoutLineIssueGraphType : EnumerationGraphType<CheckoutLineIssue>
{
    public CheckoutLineIssueGraphType()
    {
        Name = "CheckoutLineIssue";
        Description = "Why a cart line cannot be bought as asked: UNAVAILABLE (no such product, no longer in the catalog, or already on an earlier line), SOLD_OUT (sold out, or no unit left), RETIRED, QUANTITY_REDUCED (fewer units in stock than asked, or more than one order may buy).";
    }
}

public sealed class CheckoutQuoteLineGraphType : ObjectGraphType<CheckoutQuoteLine>
{
    public CheckoutQuoteLineGraphType()
    {
        Name = "CheckoutQuoteLine";
        Description = "One cart line as placeOrder would take it now.";
        Field<NonNullGraphType<IdGraphType>>("productId").Description("The product ID as the cart gave it.").Resolve(c => c.Source.ProductId);
        Field<ProductGraphType>("product").Description("The product, when it is in the catalog; null when the ID names no product (issue UNAVAILABLE).").Resolve(c => c.Source.Product);
        Field<NonNullGraphType<IntGraphType>>("requestedQuantity").Description("Units the cart asked for.").Resolve(c => c.Source.RequestedQuantity);
        Field<NonNullGraphType<IntGraphType>>("quantity")
            .Description("Units that can be bought now: the request, fewer when fewer are in stock or the request is above Checkout__MaxQuantityPerLine (QUANTITY_REDUCED), or 0 (UNAVAILABLE, SOLD_OUT, RETIRED).")
            .Resolve(c => c.Source.Quantity);
        Field<DecimalGraphType>("unitPrice").Description("The product's price now, in rupees; null when the ID names no product.").Resolve(c => c.Source.UnitPrice);
        Field<NonNullGraphType<DecimalGraphType>>("lineTotal").Description("unitPrice × quantity, in rupees (0 for a line that cannot be bought).").Resolve(c => c.Source.LineTotal);
        Field<CheckoutLineIssueGraphType>("issue").Description("Why quantity differs from requestedQuantity; null when the line can be bought as asked.").Resolve(c => c.Source.Issue);
    }
}

public sealed class CheckoutQuoteGraphType : ObjectGraphType<CheckoutQuote>
{
    public CheckoutQuoteGraphType()
    {
        Name = "CheckoutQuote";
        Description = "A cart priced as placeOrder would price it now, without placing anything or holding stock. Amounts in rupees.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CheckoutQuoteLineGraphType>>>>("lines").Description("The cart's lines, in its order.").Resolve(c => c.Source.Lines);
        Field<NonNullGraphType<DecimalGraphType>>("subtotal").Description("Sum of the lines that can be bought (their lineTotal), in rupees.").Resolve(c => c.Source.Subtotal);
        Field<NonNullGraphType<DecimalGraphType>>("shippingFee")
            .Description($"Shipping on that subtotal, in rupees: free from ₹{Orders.ShippingFees.FreeShippingThreshold:0}, 0 when nothing can be bought.")
            .Resolve(c => c.Source.ShippingFee);
        Field<NonNullGraphType<DecimalGraphType>>("total").Description("subtotal plus shippingFee, in rupees: what placeOrder would charge for the buyable lines.").Resolve(c => c.Source.Total);
        Field<NonNullGraphType<BooleanGraphType>>("canPlaceOrder")
            .Description("Whether placeOrder would accept these lines as they are (at least one line, and no line with an issue). Stock may still run out before the order is placed.")
            .Resolve(c => c.Source.CanPlaceOrder);
        Field<NonNullGraphType<IntGraphType>>("maxQuantityPerLine").Description("The most units of one product an order may buy (Checkout__MaxQuantityPerLine).").Resolve(c => c.Source.MaxQuantityPerLine);
        Field<NonNullGraphType<DecimalGraphType>>("freeShippingThreshold").Description("The subtotal, in rupees, from which shipping is free.").Resolve(_ => Orders.ShippingFees.FreeShippingThreshold);
    }
}
