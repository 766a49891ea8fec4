using Diecast.Api.Catalog;

namespace Diecast.Api.Orders;

/// <summary>A line that could not be reserved: the product is unknown, archived, or has fewer units available than asked.</summary>
/// <param name="ProductId">The product's database id.</param>
/// <param name="Requested">Units the order asked for.</param>
/// <param name="Available">Units available to sell now; 0 for an unknown or archived product.</param>
public sealed record StockShortfall(int ProductId, int Requested, int Available);

/// <summary>
/// What orders do to the shop's stock, and the only code that does it: reserve at checkout, release when an unpaid order
/// expires or is cancelled, sell when it is paid, restock after a refund. Each change writes <see cref="StockMovement"/> rows.
/// </summary>
/// <remarks>
/// Every method must run inside the caller's transaction, which the caller commits (or rolls back on a shortfall). Stock
/// changes are written at once in SQL; the order's <see cref="Order.ReservationStatus"/> and the movement rows are set on the
/// tracked entities and saved by the caller's <c>SaveChanges</c>. Product rows are locked in id order before they change, so
/// two orders sharing products queue instead of deadlocking; the order row is locked too, and its stored reservation status
/// decides, so a release or sale racing another one (expiry against an admin's cancel, two instances) happens once.
/// Pre-order products (<see cref="CollectionStatus.PreOrder"/>) are not stock-limited: they take orders without a stock check
/// and hold nothing.
/// </remarks>
public sealed class OrderStock(TimeProvider time)
{
    /// <summary>
    /// Takes the order's units out of the stock on sale, all or nothing, and marks the order <see cref="ReservationStatus.Held"/>
    /// (or <see cref="ReservationStatus.None"/> when it has only pre-order lines). The order must be saved (it needs its id).
    /// </summary>
    /// <returns>The lines that could not be reserved; empty when everything is held. On a shortfall nothing was changed.</returns>
    public async Task<IReadOnlyList<StockShortfall>> ReserveAsync(DiecastDbContext db, Order order, string actor, CancellationToken cancellationToken)
    {
        var requested = await QuantitiesAsync(db, order, cancellationToken);
        var products = await LockProductsAsync(db, requested.Keys, cancellationToken);
        var shortfalls = new List<StockShortfall>();
        var held = new Dictionary<int, int>();
        foreach (var (productId, quantity) in requested)
        {
            if (!products.TryGetValue(productId, out var product) || product.Archived)
            {
                shortfalls.Add(new StockShortfall(productId, quantity, 0));
            }
            else if (product.Status == CollectionStatus.PreOrder)
            {
                continue;
            }
            else if (product.StockQuantity < quantity)
            {
                shortfalls.Add(new StockShortfall(productId, quantity, product.StockQuantity));
            }
            else
            {
                held[productId] = quantity;
            }
        }

        if (shortfalls.Count > 0)
        {
            return shortfalls;
        }

        await MoveAsync(db, order, held, -1, StockMovementKind.Reservation, actor, $"Held for order {order.Number}.", cancellationToken);
        order.ReservationStatus = held.Count > 0 ? ReservationStatus.Held : ReservationStatus.None;
        return shortfalls;
    }

    /// <summary>Gives a held order's units back to the stock on sale; does nothing unless the order is held.</summary>
    public async Task ReleaseAsync(DiecastDbContext db, Order order, string actor, string reason, CancellationToken cancellationToken)
    {
        if (await LockOrderAsync(db, order, cancellationToken) != ReservationStatus.Held)
        {
            return;
        }

        var held = await HeldAsync(db, order, cancellationToken);
        await LockProductsAsync(db, held.Keys, cancellationToken);
        await MoveAsync(db, order, held, +1, StockMovementKind.Release, actor, reason, cancellationToken);
        order.ReservationStatus = ReservationStatus.Released;
    }

    /// <summary>Marks a held order's units as sold (movements of 0: they already left the stock on sale); does nothing unless held.</summary>
    public async Task SellAsync(DiecastDbContext db, Order order, string actor, CancellationToken cancellationToken)
    {
        if (await LockOrderAsync(db, order, cancellationToken) != ReservationStatus.Held)
        {
            return;
        }

        var held = await HeldAsync(db, order, cancellationToken);
        var products = await LockProductsAsync(db, held.Keys, cancellationToken);
        var now = time.GetDatabaseUtcNow();
        foreach (var productId in held.Keys.Order())
        {
            db.StockMovements.Add(new StockMovement
            {
                ProductId = productId,
                OrderId = order.Id,
                Kind = StockMovementKind.Sale,
                Delta = 0,
                StockAfter = products[productId].StockQuantity,
                Reason = $"Sold with order {order.Number}.",
                Actor = actor,
                OccurredAt = now,
            });
        }

        order.ReservationStatus = ReservationStatus.Sold;
    }

    /// <summary>Puts sold units back on sale after a refund. Quantities are units per product id, each above 0.</summary>
    public async Task RestockAsync(
        DiecastDbContext db, Order order, IReadOnlyDictionary<int, int> quantitiesByProductId, string actor, string reason, CancellationToken cancellationToken)
    {
        await LockProductsAsync(db, quantitiesByProductId.Keys, cancellationToken);
        await MoveAsync(db, order, quantitiesByProductId, +1, StockMovementKind.Restock, actor, reason, cancellationToken);
    }

    private async Task MoveAsync(
        DiecastDbContext db, Order order, IReadOnlyDictionary<int, int> quantities, int sign, StockMovementKind kind, string actor, string reason,
        CancellationToken cancellationToken)
    {
        if (quantities.Count == 0)
        {
            return;
        }

        var ids = quantities.Keys.Order().ToArray();
        var deltas = ids.Select(id => sign * quantities[id]).ToArray();
        var now = time.GetDatabaseUtcNow();
        // The rows are locked already (LockProductsAsync), so this one statement cannot interleave with another order's.
        var after = await db.Database.SqlQuery<StockRow>($"""
                UPDATE products p SET stock_quantity = p.stock_quantity + m.delta, updated_at = {now}
                FROM unnest({ids}, {deltas}) AS m(id, delta)
                WHERE p.id = m.id
                RETURNING p.id, p.status, p.stock_quantity, p.archived_at IS NOT NULL AS archived
                """)
            .ToDictionaryAsync(row => row.Id, cancellationToken);
        for (var i = 0; i < ids.Length; i++)
        {
            db.StockMovements.Add(new StockMovement
            {
                ProductId = ids[i],
                OrderId = order.Id,
                Kind = kind,
                Delta = deltas[i],
                StockAfter = after[ids[i]].StockQuantity,
                Reason = reason,
                Actor = actor,
                OccurredAt = now,
            });
        }
    }

    private static async Task<Dictionary<int, int>> QuantitiesAsync(DiecastDbContext db, Order order, CancellationToken cancellationToken)
    {
        var items = order.Items.Count > 0
            ? order.Items
            : await db.OrderItems.Where(i => i.OrderId == order.Id).ToListAsync(cancellationToken);
        return items.GroupBy(i => i.ProductId).ToDictionary(g => g.Key, g => g.Sum(i => i.Quantity));
    }

    /// <summary>What the order holds now: its reservations (the last time it was held), per product.</summary>
    private static async Task<Dictionary<int, int>> HeldAsync(DiecastDbContext db, Order order, CancellationToken cancellationToken)
    {
        // A late payment can hold an order a second time; only the latest reservation counts.
        var movements = await db.StockMovements
            .Where(m => m.OrderId == order.Id && m.Kind != StockMovementKind.Restock)
            .OrderBy(m => m.Id)
            .Select(m => new { m.ProductId, m.Kind, m.Delta })
            .ToListAsync(cancellationToken);
        var held = new Dictionary<int, int>();
        foreach (var movement in movements)
        {
            if (movement.Kind == StockMovementKind.Reservation)
            {
                held[movement.ProductId] = held.GetValueOrDefault(movement.ProductId) - movement.Delta;
            }
            else if (movement.Kind is StockMovementKind.Release or StockMovementKind.Sale)
            {
                held.Remove(movement.ProductId);
            }
        }

        return held;
    }

    /// <remarks>
    /// FOR NO KEY UPDATE, the lock an UPDATE of the row takes: a caller that saved the order earlier in its transaction
    /// already holds it, so this never upgrades a lock another transaction is queued behind (a deadlock).
    /// </remarks>
    private static async Task<ReservationStatus> LockOrderAsync(DiecastDbContext db, Order order, CancellationToken cancellationToken) =>
        (await db.Database
            .SqlQuery<ReservationStatus>($"""SELECT reservation_status AS "Value" FROM orders WHERE id = {order.Id} FOR NO KEY UPDATE""")
            .ToListAsync(cancellationToken))
        .Single();

    private static async Task<Dictionary<int, StockRow>> LockProductsAsync(DiecastDbContext db, IEnumerable<int> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.Order().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        return await db.Database.SqlQuery<StockRow>($"""
                SELECT id, status, stock_quantity, archived_at IS NOT NULL AS archived
                FROM products WHERE id = ANY({ids}) ORDER BY id FOR NO KEY UPDATE
                """)
            .ToDictionaryAsync(row => row.Id, cancellationToken);
    }

    /// <summary>A product's stock as SQL returns it; the columns are snake_case, as the model's naming convention expects.</summary>
    private sealed record StockRow(int Id, CollectionStatus Status, int StockQuantity, bool Archived);
}
