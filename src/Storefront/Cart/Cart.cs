using System.Globalization;

namespace Diecast.Storefront.Cart;

/// <summary>
/// One line of a cart: a product (its global ID, as the API's Product.id gives it) and how many units.
/// </summary>
/// <param name="ProductId">The product's global ID; never checked here (the API's checkoutQuote says whether it can be bought).</param>
/// <param name="Quantity">Units, 1 to <see cref="CartOptions.MaxQuantityPerLine"/>.</param>
/// <param name="SeenUnitPrice">
/// The unit price in rupees the shopper last saw for this product (on the page they added it from, or on the cart page),
/// or null. A hint ONLY for saying "the price changed from ₹X to ₹Y": never sent to the API, never used for a total.
/// </param>
public sealed record CartLine(string ProductId, int Quantity, decimal? SeenUnitPrice);

/// <summary>
/// A shopper's cart as its cookie holds it (<see cref="CartCookie"/>): a random id, a revision that increases on every
/// change of its lines, and the lines. Immutable: every change returns a new cart. Prices, names, stock and totals are
/// not here: pages read them from the API's <c>checkoutQuote</c> on every view.
/// </summary>
public sealed record Cart
{
    /// <summary>The most lines a cart may hold: the API's placeOrder limit (PlaceOrderInputValidator.MaxLines).</summary>
    public const int MaxLines = 50;

    /// <summary>The empty cart nobody has written yet: id empty, revision 0. Its <see cref="CheckoutKey"/> is null.</summary>
    public static readonly Cart Empty = new(Guid.Empty, 0, []);

    public Cart(Guid id, long revision, IReadOnlyList<CartLine> lines)
    {
        Id = id;
        Revision = revision;
        Lines = lines;
    }

    /// <summary>Random, made when the cart is first written and never reused (<see cref="CartSession.StartNew"/> makes another).</summary>
    public Guid Id { get; }

    /// <summary>Increases by one on every change of the lines (add, change, remove), never on a price hint's update.</summary>
    public long Revision { get; }

    /// <summary>The lines in the order they were first added; each product once.</summary>
    public IReadOnlyList<CartLine> Lines { get; }

    public bool IsEmpty => Lines.Count == 0;

    /// <summary>Units in the cart (what the header's count shows).</summary>
    public int Count => Lines.Sum(l => l.Quantity);

    /// <summary>
    /// The idempotency key placeOrder should get for this cart as it is now: cart id and revision, so a double submit
    /// (or a refresh) of the same cart places one order, and any change to the lines makes a new key. 16 to 100 of
    /// <c>[A-Za-z0-9_-]</c>, as the API's idempotencyKey rule asks. Null for a cart never written (nothing to buy).
    /// </summary>
    public string? CheckoutKey => Id == Guid.Empty ? null : $"cart-{Id:N}-{Revision.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The line of <paramref name="productId"/>, or null.</summary>
    public CartLine? Find(string productId) => Lines.FirstOrDefault(l => l.ProductId == productId);

    /// <summary>
    /// Adds <paramref name="quantity"/> units of a product (to its line if it has one), clamped to
    /// <paramref name="maxQuantityPerLine"/>. A new product when the cart already has <see cref="MaxLines"/> lines is
    /// not added: the result is null and the cart is unchanged.
    /// </summary>
    /// <param name="productId">The product's global ID.</param>
    /// <param name="quantity">Units to add, 1 or more.</param>
    /// <param name="seenUnitPrice">The price (rupees) the page showed, for the "price changed" notice only; null keeps what the line had.</param>
    /// <param name="maxQuantityPerLine">The line's most units (Cart__MaxQuantityPerLine).</param>
    public Cart? Add(string productId, int quantity, decimal? seenUnitPrice, int maxQuantityPerLine)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        if (Find(productId) is { } line)
        {
            return Change([.. Lines.Select(l => l == line
                ? l with { Quantity = (int)Math.Min((long)l.Quantity + quantity, maxQuantityPerLine), SeenUnitPrice = seenUnitPrice ?? l.SeenUnitPrice }
                : l)]);
        }

        return Lines.Count >= MaxLines
            ? null
            : Change([.. Lines, new CartLine(productId, Math.Min(quantity, maxQuantityPerLine), seenUnitPrice)]);
    }

    /// <summary>Sets a line's quantity (clamped to <paramref name="maxQuantityPerLine"/>); 0 or less removes it. A product not in the cart changes nothing.</summary>
    public Cart SetQuantity(string productId, int quantity, int maxQuantityPerLine)
    {
        if (quantity <= 0)
        {
            return Remove(productId);
        }

        var clamped = Math.Min(quantity, maxQuantityPerLine);
        return Find(productId) is { } line && line.Quantity != clamped
            ? Change([.. Lines.Select(l => l == line ? l with { Quantity = clamped } : l)])
            : this;
    }

    /// <summary>Removes a product's line; a product not in the cart changes nothing.</summary>
    public Cart Remove(string productId) =>
        Find(productId) is null ? this : Change([.. Lines.Where(l => l.ProductId != productId)]);

    /// <summary>
    /// The same cart (same revision, so the same <see cref="CheckoutKey"/>) with the price hints replaced by what the
    /// shopper has now been shown. Lines missing from <paramref name="shownPrices"/> keep their hint.
    /// </summary>
    public Cart WithSeenPrices(IReadOnlyDictionary<string, decimal> shownPrices) =>
        new(Id, Revision, [.. Lines.Select(l => shownPrices.TryGetValue(l.ProductId, out var price) ? l with { SeenUnitPrice = price } : l)]);

    /// <summary>The lines as they are, with a new revision; a cart never written gets its id here.</summary>
    private Cart Change(IReadOnlyList<CartLine> lines) => new(Id == Guid.Empty ? Guid.NewGuid() : Id, Revision + 1, lines);

    public bool Equals(Cart? other) =>
        other is not null && Id == other.Id && Revision == other.Revision && Lines.SequenceEqual(other.Lines);

    public override int GetHashCode() => HashCode.Combine(Id, Revision, Lines.Count);
}
