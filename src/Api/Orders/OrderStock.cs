using Diecast.Api.Catalog;
using Npgsql;
using static Diecast.Api.Data.DirectCommands;

namespace Diecast.Api.Orders;

/// <summary>A line that could not be reserved: the product is unknown, archived, or has fewer units available than asked.</summary>
/// <param name="ProductId">The product's database id.</param>
/// <param name="Requested">Units the order asked for.</param>
/// <param name="Available">Units available to sell now; 0 for an unknown or archived product.</param>
public sealed record StockShortfall(int ProductId, int Requested, int Available);

/// <summary>What <see cref="OrderStock.PlaceAsync"/> did.</summary>
public enum PlacementOutcome
{
    /// <summary>The order is inserted and its stock held.</summary>
    Placed,

    /// <summary>A line could not be held (see the shortfalls); nothing was written.</summary>
    OutOfStock,

    /// <summary>A product's name, price or status is no longer what the order was priced with; nothing was written.</summary>
    CatalogChanged,

    /// <summary>The idempotency key already placed an order; nothing was written.</summary>
    KeyTaken,
}

/// <summary>What <see cref="OrderStock.PlaceAsync"/> did, and for <see cref="PlacementOutcome.OutOfStock"/> which lines fell short.</summary>
public sealed record OrderPlacement(PlacementOutcome Outcome, IReadOnlyList<StockShortfall> Shortfalls);

/// <summary>
/// What orders do to the shop's stock, and the only code that does it: reserve at checkout, release when an unpaid order
/// expires or is cancelled, sell when it is paid, restock after a refund. Each change writes <see cref="StockMovement"/> rows.
/// </summary>
/// <remarks>
/// Every method must run inside the caller's transaction, which the caller commits (or rolls back on a shortfall). Stock
/// changes are written at once in SQL (a reservation's movements too, in its one statement); the order's
/// <see cref="Order.ReservationStatus"/> and the other movement rows are set on the tracked entities and saved by the
/// caller's <c>SaveChanges</c>. Product rows are locked in id order before they change, so
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
    /// <remarks>
    /// One statement, so the product rows stay locked for as short a time as a hand-written reservation would hold them:
    /// it locks the products in id order, decides whether every line can be held, and only then takes the units and writes
    /// the <see cref="StockMovementKind.Reservation"/> movements. The order's reservation status is set on the entity, for
    /// the caller's <c>SaveChanges</c> (which sends nothing when it did not change).
    /// </remarks>
    /// <returns>The lines that could not be reserved; empty when everything is held. On a shortfall nothing was changed.</returns>
    public async Task<IReadOnlyList<StockShortfall>> ReserveAsync(DiecastDbContext db, Order order, string actor, CancellationToken cancellationToken)
    {
        var requested = await QuantitiesAsync(db, order, cancellationToken);
        if (requested.Count == 0)
        {
            order.ReservationStatus = ReservationStatus.None;
            return [];
        }

        var ids = requested.Keys.Order().ToArray();
        var quantities = ids.Select(id => requested[id]).ToArray();
        var now = time.GetDatabaseUtcNow();
        var reason = $"Held for order {order.Number}.";
        var kind = nameof(StockMovementKind.Reservation);
        // `locked` is read twice, so PostgreSQL computes it once, locking in its ORDER BY; `verdict` gates every write.
        var lines = await db.Database.SqlQuery<ReservedLine>($"""
                WITH wanted AS (
                    SELECT * FROM unnest({ids}, {quantities}) AS w(product_id, quantity)
                ), locked AS (
                    SELECT p.id, p.status, p.stock_quantity, p.archived_at IS NOT NULL AS archived, w.quantity
                    FROM products p JOIN wanted w ON w.product_id = p.id
                    ORDER BY p.id
                    FOR NO KEY UPDATE OF p
                ), verdict AS (
                    SELECT count(*) = {ids.Length}
                           AND coalesce(bool_and(NOT archived AND (status = 'pre_order' OR stock_quantity >= quantity)), false) AS ok
                    FROM locked
                ), moved AS (
                    UPDATE products p SET stock_quantity = p.stock_quantity - l.quantity, updated_at = {now}
                    FROM locked l, verdict v
                    WHERE v.ok AND p.id = l.id AND l.status <> 'pre_order'
                    RETURNING p.id, p.stock_quantity, l.quantity
                ), movements AS (
                    INSERT INTO stock_movements (product_id, order_id, kind, delta, stock_after, reason, actor, occurred_at)
                    SELECT m.id, {order.Id}, {kind}, -m.quantity, m.stock_quantity, {reason}, {actor}, {now} FROM moved m
                )
                SELECT l.id, l.status, l.stock_quantity, l.archived, (SELECT ok FROM verdict) AS held
                FROM locked l
                """)
            .ToListAsync(cancellationToken);
        if (lines.Count > 0 && lines[0].Held)
        {
            order.ReservationStatus = lines.Any(l => l.Status != CollectionStatus.PreOrder) ? ReservationStatus.Held : ReservationStatus.None;
            return [];
        }

        return Shortfalls(requested.Select(r => (r.Key, r.Value)), lines.ToDictionary(l => l.Id, l => new StockRow(l.Id, l.Status, l.StockQuantity, l.Archived)));
    }

    /// <summary>The lines a locking statement saw it could not hold: unknown or archived (0 available), or short of stock.</summary>
    private static List<StockShortfall> Shortfalls(IEnumerable<(int ProductId, int Quantity)> requested, Dictionary<int, StockRow> locked)
    {
        var shortfalls = new List<StockShortfall>();
        foreach (var (productId, quantity) in requested)
        {
            if (!locked.TryGetValue(productId, out var row) || row.Archived)
            {
                shortfalls.Add(new StockShortfall(productId, quantity, 0));
            }
            else if (row.Status != CollectionStatus.PreOrder && row.StockQuantity < quantity)
            {
                shortfalls.Add(new StockShortfall(productId, quantity, row.StockQuantity));
            }
        }

        return shortfalls;
    }

    /// <summary>
    /// Inserts a new <paramref name="order"/> (its lines, its timeline's first entry) and holds its stock, in one statement
    /// that commits on its own: the checkout's whole write. The lines carry the name and price the caller read and priced
    /// the order with; <paramref name="statuses"/> are the product statuses it decided the order's
    /// <see cref="Order.ReservationStatus"/> with. If any of these changed since, nothing is written and the caller prices
    /// the order again.
    /// </summary>
    /// <remarks>
    /// The statement locks the products in id order, decides (enough stock for every line, unless pre-order; nothing
    /// archived; name, price and status as read), and only then inserts the order (<c>ON CONFLICT</c> on its idempotency
    /// key: a key that already placed an order inserts nothing and takes nothing), its lines, the units and their
    /// <see cref="StockMovementKind.Reservation"/> movements, and the timeline entry. The product rows stay locked for that
    /// one statement, as long as a hand-written reservation holds them. On <see cref="PlacementOutcome.Placed"/> the
    /// <paramref name="order"/> instance gets what the database assigned (id, number, status, timestamps, version, the
    /// lines' and event's ids); it is not tracked by any context. A lost connection while the statement runs leaves the
    /// outcome unknown (<see cref="WriteOutcomeUnknownException"/>).
    /// </remarks>
    public async Task<OrderPlacement> PlaceAsync(
        DiecastDbContext db, Order order, IReadOnlyDictionary<int, CollectionStatus> statuses, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(statuses);
        var lines = order.Items.OrderBy(i => i.ProductId).ToArray();
        if (lines.Length == 0 || lines.DistinctBy(i => i.ProductId).Count() != lines.Length || order.Events.Count != 1)
        {
            throw new ArgumentException("A new order has one line per product, at least one, and exactly one timeline entry.", nameof(order));
        }

        var ids = lines.Select(i => i.ProductId).ToArray();
        var quantities = lines.Select(i => i.Quantity).ToArray();
        var names = lines.Select(i => i.ProductName).ToArray();
        var prices = lines.Select(i => i.UnitPrice).ToArray();
        var expectedStatuses = lines.Select(i => statuses[i.ProductId]).ToArray();
        var placedEvent = order.Events[0];
        var (address, now) = (order.ShippingAddress, time.GetDatabaseUtcNow());
        var (movementKind, eventActor, eventKind) = (nameof(StockMovementKind.Reservation), placedEvent.Actor.ToString(), placedEvent.Kind.ToString());
        // Sent without EF Core (DirectCommands): this is the checkout's one write, and EF Core's per-execution work on 33
        // interpolated parameters cost about as much CPU as PostgreSQL's. The parameters are positional, in this order.
        IReadOnlyList<NpgsqlParameter> parameters =
        [
            Value(ids), Value(quantities), Value(names), Value(prices), Value(expectedStatuses), Value(ids.Length),
            Text(order.CustomerName), Text(order.CustomerEmail), Text(order.CustomerPhone),
            Text(address.Line1), Text(address.Line2), Text(address.City), Text(address.State), Text(address.PostalCode), Text(address.Country),
            Value(order.Subtotal), Value(order.ShippingFee), Value(order.Total),
            Value(order.PaymentStatus), Value(order.FulfilmentStatus), Value(order.ReservationStatus),
            Timestamp(order.HoldExpiresAt), Text(order.IdempotencyKey), Timestamp(order.RazorpayOrderRequestedAt),
            Timestamp(now), Text(movementKind), Text(actor),
            Timestamp(placedEvent.OccurredAt), Text(eventActor), Text(placedEvent.ActorName), Text(eventKind), Text(placedEvent.Message), Text(placedEvent.Data),
        ];
        var rows = await WriteOutcomeUnknownException.GuardAsync(() => db.Database.QueryAsync(PlacementSql, parameters, ReadPlacementAsync, genericPlan: true, cancellationToken));

        var verdict = rows.FirstOrDefault();
        if (verdict is { Enough: true, AsRead: true })
        {
            if (verdict.OrderId is not { } orderId)
            {
                return new OrderPlacement(PlacementOutcome.KeyTaken, []);
            }

            order.Stored(orderId, verdict.Number!, verdict.OrderStatus!.Value, verdict.CreatedAt!.Value, verdict.UpdatedAt!.Value, (uint)verdict.Version!.Value);
            var itemIds = rows.ToDictionary(r => r.ProductId, r => r.ItemId!.Value);
            foreach (var item in order.Items)
            {
                (item.Id, item.OrderId) = (itemIds[item.ProductId], orderId);
            }

            (placedEvent.Id, placedEvent.OrderId) = (verdict.EventId!.Value, orderId);
            return new OrderPlacement(PlacementOutcome.Placed, []);
        }

        var shortfalls = Shortfalls(
            lines.Select(l => (l.ProductId, l.Quantity)), rows.ToDictionary(r => r.ProductId, r => new StockRow(r.ProductId, r.Status, r.StockQuantity, r.Archived)));

        // Enough stock but a name, price or status changed since the caller read them: nothing written, price it again.
        return shortfalls.Count > 0 ? new OrderPlacement(PlacementOutcome.OutOfStock, shortfalls) : new OrderPlacement(PlacementOutcome.CatalogChanged, []);
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

    /// <summary>
    /// The placement (<see cref="PlaceAsync"/>). `locked` is read by several parts, so PostgreSQL computes it once, locking in
    /// its ORDER BY; `verdict` gates every write, and `placed` (empty when the key is taken) gates the rest.
    /// </summary>
    private const string PlacementSql = """
        WITH wanted AS (
            SELECT * FROM unnest($1, $2, $3, $4, $5) AS w(product_id, quantity, name, price, status)
        ), locked AS (
            SELECT p.id, p.name, p.price, p.status, p.stock_quantity, p.archived_at IS NOT NULL AS archived, w.quantity,
                   (p.name = w.name AND p.price = w.price AND p.status = w.status) AS as_read
            FROM products p JOIN wanted w ON w.product_id = p.id
            ORDER BY p.id
            FOR NO KEY UPDATE OF p
        ), verdict AS (
            SELECT count(*) = $6 AND coalesce(bool_and(NOT archived AND (status = 'pre_order' OR stock_quantity >= quantity)), false) AS enough,
                   count(*) = $6 AND coalesce(bool_and(as_read), false) AS as_read
            FROM locked
        ), placed AS (
            INSERT INTO orders (customer_name, customer_email, customer_phone,
                                shipping_address_line1, shipping_address_line2, shipping_address_city, shipping_address_state,
                                shipping_address_postal_code, shipping_address_country,
                                subtotal, shipping_fee, total, payment_status, fulfilment_status, reservation_status,
                                hold_expires_at, idempotency_key, razorpay_order_requested_at)
            SELECT $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24
            FROM verdict WHERE enough AND as_read
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id, number, status, created_at, updated_at, xmin::text::bigint AS version
        ), items AS (
            INSERT INTO order_items (order_id, product_id, product_name, unit_price, quantity)
            SELECT o.id, l.id, l.name, l.price, l.quantity FROM placed o, locked l
            RETURNING id, product_id
        ), moved AS (
            UPDATE products p SET stock_quantity = p.stock_quantity - l.quantity, updated_at = $25
            FROM locked l, placed o
            WHERE p.id = l.id AND l.status <> 'pre_order'
            RETURNING p.id, p.stock_quantity, l.quantity, o.id AS order_id, o.number
        ), movements AS (
            INSERT INTO stock_movements (product_id, order_id, kind, delta, stock_after, reason, actor, occurred_at)
            SELECT m.id, m.order_id, $26, -m.quantity, m.stock_quantity, 'Held for order ' || m.number || '.', $27, $25 FROM moved m
        ), event AS (
            INSERT INTO order_events (order_id, occurred_at, actor, actor_name, kind, message, data)
            SELECT o.id, $28, $29, $30, $31, $32, CAST($33 AS jsonb)
            FROM placed o
            RETURNING id
        )
        SELECT l.id AS product_id, l.status, l.stock_quantity, l.archived, v.enough, v.as_read,
               o.id AS order_id, o.number, o.status AS order_status, o.created_at, o.updated_at, o.version,
               i.id AS item_id, (SELECT id FROM event) AS event_id
        FROM locked l CROSS JOIN verdict v LEFT JOIN placed o ON true LEFT JOIN items i ON i.product_id = l.id
        """;

    private static async Task<List<PlacementRow>> ReadPlacementAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<PlacementRow>(1);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PlacementRow(
                reader.GetInt32(0),
                reader.GetFieldValue<CollectionStatus>(1),
                reader.GetInt32(2),
                reader.GetBoolean(3),
                reader.GetBoolean(4),
                reader.GetBoolean(5),
                reader.ValueOrNull<int>(6),
                reader.TextOrNull(7),
                reader.ValueOrNull<OrderStatus>(8),
                reader.ValueOrNull<DateTime>(9),
                reader.ValueOrNull<DateTime>(10),
                reader.ValueOrNull<long>(11),
                reader.ValueOrNull<int>(12),
                reader.ValueOrNull<long>(13)));
        }

        return rows;
    }

    /// <summary>A product's stock as SQL returns it; the columns are snake_case, as the model's naming convention expects.</summary>
    private sealed record StockRow(int Id, CollectionStatus Status, int StockQuantity, bool Archived);

    /// <summary>
    /// A placement's product as its statement locked it, the verdict, and (when the order was inserted) what the database
    /// assigned to the order, the product's line and the timeline entry.
    /// </summary>
    private sealed record PlacementRow(
        int ProductId, CollectionStatus Status, int StockQuantity, bool Archived, bool Enough, bool AsRead,
        int? OrderId, string? Number, OrderStatus? OrderStatus, DateTime? CreatedAt, DateTime? UpdatedAt, long? Version, int? ItemId, long? EventId);

    /// <summary>A reservation's line as its statement saw it before taking the units, and whether the whole order was held.</summary>
    private sealed record ReservedLine(int Id, CollectionStatus Status, int StockQuantity, bool Archived, bool Held);
}
