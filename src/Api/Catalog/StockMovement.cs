namespace Diecast.Api.Catalog;

/// <summary>
/// One change to a product's stock, with who or what made it and why: the stock figure's audit trail. Admins'
/// adjustments and every order's reservation, release, sale and restock (<see cref="Orders.OrderStock"/>).
/// </summary>
public sealed class StockMovement
{
    public long Id { get; set; }

    public int ProductId { get; set; }

    /// <summary>
    /// Units added to (positive) or taken from (negative) <see cref="Product.StockQuantity"/>, the units available to sell:
    /// a reservation takes them at once, a release or restock gives them back, and a sale is 0 (held units become sold).
    /// </summary>
    public int Delta { get; set; }

    /// <summary>The available stock after the change.</summary>
    public int StockAfter { get; set; }

    public StockMovementKind Kind { get; set; }

    /// <summary>The order a reservation, release, sale or restock belongs to; null for an admin's adjustment.</summary>
    public int? OrderId { get; set; }

    public required string Reason { get; set; }

    /// <summary>The admin who made the change (the token's name), or the process: checkout, expiry, razorpay, reconciliation.</summary>
    public required string Actor { get; set; }

    /// <summary>When the change was made (UTC).</summary>
    public DateTime OccurredAt { get; set; }
}

/// <summary>Why a product's stock moved; stored as text, so a new kind needs no migration.</summary>
public enum StockMovementKind
{
    /// <summary>An admin added or removed units (adjustStock).</summary>
    Adjustment,

    /// <summary>Units held for an unpaid order.</summary>
    Reservation,

    /// <summary>Held units given back: the order expired or was cancelled unpaid.</summary>
    Release,

    /// <summary>Held units sold: the order was paid. Delta 0.</summary>
    Sale,

    /// <summary>Sold units back on the shelf after a refund.</summary>
    Restock,
}
