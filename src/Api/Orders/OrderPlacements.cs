using Diecast.Api.Catalog;
using Npgsql;
using static Diecast.Api.Data.DirectCommands;

namespace Diecast.Api.Orders;

/// <summary>One placement for <see cref="OrderPlacements"/>: the new order, the product statuses it was priced with, and who its movements name.</summary>
public sealed record NewOrderPlacement(Order Order, IReadOnlyDictionary<int, CollectionStatus> Statuses, string Actor);

/// <summary>
/// What a batch did with one placement: <see cref="Placement"/> when it decided (placed, or the key already placed an
/// order), <see cref="Unknown"/> when the placement was sent and the connection failed (it may be written), neither
/// (<see cref="Alone"/>) when it was not written and goes alone.
/// </summary>
public sealed record BatchedPlacement(OrderPlacement? Placement, WriteOutcomeUnknownException? Unknown)
{
    /// <summary>Not written by the batch: place it alone.</summary>
    public static readonly BatchedPlacement Alone = new(null, null);
}

/// <summary>
/// The checkout's write under load: placements that arrive together are made together (<see cref="GroupCommit{TWrite, TResult}"/>),
/// in one statement and one commit for the batch, which is where a placement's cost is (PostgreSQL's work per statement and
/// per commit, and each round trip's); each order in it is placed exactly as <see cref="OrderStock.PlaceAsync"/> would place
/// it alone.
/// </summary>
/// <remarks>
/// The batch statement succeeds only as a whole: it locks the batch's products in id order, and writes only when every
/// product is known, not archived, named, priced and statused as each order read it, and has stock for the sum of the
/// batch's lines (pre-order products excepted). Each order then goes in as alone: its lines, its timeline entry, and its
/// <see cref="StockMovementKind.Reservation"/> movements, whose stock-after figures follow the orders in the batch one by
/// one; an idempotency key that already placed an order inserts nothing and takes nothing, for that order only. When the
/// batch cannot be written whole (a product short, changed or unknown; a key twice in one batch; any refusal from the
/// server), nothing is written and every order of it is placed alone, on its caller's connection, by
/// <see cref="OrderStock.PlaceAsync"/>, which decides and reports exactly. A lone placement goes alone at once. A lost
/// connection while a batch runs leaves every order of it unknown (<see cref="WriteOutcomeUnknownException"/>), as alone.
/// </remarks>
public sealed class OrderPlacements : IAsyncDisposable
{
    /// <summary>
    /// How long a batch waits for a product row another transaction holds before it gives up (and every order of it goes
    /// alone, so only the orders of that product wait for it): a batch must not hold up the instance's other placements.
    /// Longer than a placement statement holds its rows, so two batches sharing a product queue rather than give up.
    /// </summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>The most placements in one statement.</summary>
    public const int MaxBatch = 32;

    /// <summary>
    /// Batches in flight at once per instance, each on a connection of its own. Two rather than one: a batch waiting for a
    /// product row another transaction holds (an admin's stock change, a release) would otherwise hold up every placement
    /// of the instance.
    /// </summary>
    public const int Writers = 2;

    private readonly IDbContextFactory<DiecastDbContext> _contexts;
    private readonly OrderStock _stock;
    private readonly TimeProvider _time;
    private readonly GroupCommit<NewOrderPlacement, BatchedPlacement> _batches;

    public OrderPlacements(IDbContextFactory<DiecastDbContext> contexts, OrderStock stock, TimeProvider time)
    {
        (_contexts, _stock, _time) = (contexts, stock, time);
        _batches = new GroupCommit<NewOrderPlacement, BatchedPlacement>(PlaceTogetherAsync, MaxBatch, Writers);
    }

    /// <summary>
    /// Places a new <paramref name="order"/> as <see cref="OrderStock.PlaceAsync"/> does (same arguments, same outcomes, same
    /// values assigned to <paramref name="order"/>), in a batch with the placements that arrive with it when there are any.
    /// </summary>
    public async Task<OrderPlacement> PlaceAsync(
        DiecastDbContext db, Order order, IReadOnlyDictionary<int, CollectionStatus> statuses, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(statuses);
        // Once its batch is sent, the order is written whatever the caller's token says; the token only ends the wait.
        var batched = await _batches.SubmitAsync(new NewOrderPlacement(order, statuses, actor), cancellationToken);
        if (batched.Unknown is { } unknown)
        {
            throw new WriteOutcomeUnknownException(unknown.Message, unknown.InnerException ?? unknown);
        }

        return batched.Placement ?? await _stock.PlaceAsync(db, order, statuses, actor, cancellationToken);
    }

    public ValueTask DisposeAsync() => _batches.DisposeAsync();

    /// <summary>
    /// Places <paramref name="batch"/> in one statement, or writes nothing (see the class remarks): one answer per placement,
    /// in order (<see cref="BatchedPlacement"/>). Fewer than two placements (after setting aside the ones the batch cannot
    /// take) are not sent at all. Never throws for one placement's sake: only the placements actually sent can be told
    /// their outcome is unknown.
    /// </summary>
    public async Task<IReadOnlyList<BatchedPlacement>> PlaceTogetherAsync(IReadOnlyList<NewOrderPlacement> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = Enumerable.Repeat(BatchedPlacement.Alone, batch.Count).ToArray();
        // A key twice in one batch would be one order with two requests' lines: the later ones go alone (and find the key taken).
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var together = new List<(int Index, NewOrderPlacement Placement)>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            // An order OrderStock would refuse (no lines, a product twice, not one timeline entry) goes alone to be refused
            // there, rather than failing the batch; so does one without an idempotency key (the batch finds its orders by key).
            if (IsNewOrder(batch[i].Order) && keys.Add(batch[i].Order.IdempotencyKey!))
            {
                together.Add((i, batch[i]));
            }
        }

        if (together.Count < 2)
        {
            return results;
        }

        List<BatchRow> rows;
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var parameters = Parameters([.. together.Select(t => t.Placement)], _time.GetDatabaseUtcNow());
            rows = await WriteOutcomeUnknownException.GuardAsync(() => db.Database.QueryAsync(
                BatchSql, parameters, ReadBatchAsync, genericPlan: true, LockTimeout, cancellationToken));
        }
        catch (WriteOutcomeUnknownException unknown)
        {
            // Only the placements sent may have been written; the ones set aside go alone.
            foreach (var (index, _) in together)
            {
                results[index] = new BatchedPlacement(null, unknown);
            }

            return results;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Refused by the server (a lock not granted within LockTimeout, a constraint one order breaks), or by Npgsql
            // before sending (a value it cannot encode): nothing was written. Each order goes alone and meets its own answer.
            return results;
        }

        if (rows.Count == 0 || !rows[0].Ok)
        {
            return results;
        }

        var rowsByOrdinal = rows.Where(r => r.Ordinal is not null).ToLookup(r => r.Ordinal!.Value);
        for (var sent = 0; sent < together.Count; sent++)
        {
            var (index, placement) = together[sent];
            // Ordinals are 1-based, in the order the placements were sent.
            var own = rowsByOrdinal[sent + 1].ToList();
            if (own.Count == 0)
            {
                results[index] = new BatchedPlacement(new OrderPlacement(PlacementOutcome.KeyTaken, []), null);
                continue;
            }

            var first = own[0];
            var order = placement.Order;
            order.Stored(first.OrderId!.Value, first.Number!, first.OrderStatus!.Value, first.CreatedAt!.Value, first.UpdatedAt!.Value, (uint)first.Version!.Value);
            var itemIds = own.ToDictionary(r => r.ProductId!.Value, r => r.ItemId!.Value);
            foreach (var item in order.Items)
            {
                (item.Id, item.OrderId) = (itemIds[item.ProductId], order.Id);
            }

            (order.Events[0].Id, order.Events[0].OrderId) = (first.EventId!.Value, order.Id);
            results[index] = new BatchedPlacement(new OrderPlacement(PlacementOutcome.Placed, []), null);
        }

        return results;
    }

    private static bool IsNewOrder(Order order) =>
        order.Items.Count > 0 && order.Items.DistinctBy(i => i.ProductId).Count() == order.Items.Count && order.Events.Count == 1
        && order.IdempotencyKey is not null;

    private static List<NpgsqlParameter> Parameters(List<NewOrderPlacement> placements, DateTime now)
    {
        var orders = placements.Select(p => p.Order).ToArray();
        var events = orders.Select(o => o.Events[0]).ToArray();
        var lines = placements
            .SelectMany((p, index) => p.Order.Items.OrderBy(i => i.ProductId).Select(item => (Ordinal: index + 1, Item: item, Status: p.Statuses[item.ProductId])))
            .ToArray();
        return
        [
            Value(orders.Select(o => o.CustomerName).ToArray()),
            Value(orders.Select(o => o.CustomerEmail).ToArray()),
            Value(orders.Select(o => o.CustomerPhone).ToArray()),
            Value(orders.Select(o => o.ShippingAddress.Line1).ToArray()),
            Value(orders.Select(o => o.ShippingAddress.Line2).ToArray()),
            Value(orders.Select(o => o.ShippingAddress.City).ToArray()),
            Value(orders.Select(o => o.ShippingAddress.State).ToArray()),
            Value(orders.Select(o => o.ShippingAddress.PostalCode).ToArray()),
            Value(orders.Select(o => o.ShippingAddress.Country).ToArray()),
            Value(orders.Select(o => o.Subtotal).ToArray()),
            Value(orders.Select(o => o.ShippingFee).ToArray()),
            Value(orders.Select(o => o.Total).ToArray()),
            Value(orders.Select(o => o.PaymentStatus).ToArray()),
            Value(orders.Select(o => o.FulfilmentStatus).ToArray()),
            Value(orders.Select(o => o.ReservationStatus).ToArray()),
            Timestamps([.. orders.Select(o => o.HoldExpiresAt)]),
            Value(orders.Select(o => o.IdempotencyKey).ToArray()),
            Timestamps([.. orders.Select(o => o.RazorpayOrderRequestedAt)]),
            Timestamps([.. events.Select(e => (DateTime?)e.OccurredAt)]),
            Value(events.Select(e => e.Actor.ToString()).ToArray()),
            Value(events.Select(e => e.ActorName).ToArray()),
            Value(events.Select(e => e.Kind.ToString()).ToArray()),
            Value(events.Select(e => e.Message).ToArray()),
            Value(events.Select(e => e.Data).ToArray()),
            Value(placements.Select(p => p.Actor).ToArray()),
            Value(lines.Select(l => l.Ordinal).ToArray()),
            Value(lines.Select(l => l.Item.ProductId).ToArray()),
            Value(lines.Select(l => l.Item.Quantity).ToArray()),
            Value(lines.Select(l => l.Item.ProductName).ToArray()),
            Value(lines.Select(l => l.Item.UnitPrice).ToArray()),
            Value(lines.Select(l => l.Status).ToArray()),
            Timestamp(now),
            Text(nameof(StockMovementKind.Reservation)),
        ];
    }

    /// <summary>
    /// The batch (<see cref="PlaceTogetherAsync"/>): $1–$25 are per order (the order's columns, its timeline entry, the
    /// movements' actor), $26–$31 per line (the order's 1-based ordinal, product, units, and the name, price and status it
    /// was priced with), $32 now, $33 the movements' kind. `locked` locks in id order; `verdict` gates every write, and
    /// `placed` (without the orders whose key is taken) gates the rest. One row per placed order's line, or one row with
    /// only the verdict.
    /// </summary>
    private const string BatchSql = """
        WITH o AS (
            SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
                WITH ORDINALITY AS o(customer_name, customer_email, customer_phone, line1, line2, city, state, postal_code, country,
                                     subtotal, shipping_fee, total, payment_status, fulfilment_status, reservation_status,
                                     hold_expires_at, idempotency_key, razorpay_order_requested_at,
                                     event_at, event_actor, event_actor_name, event_kind, event_message, event_data, movement_actor, ord)
        ), w AS (
            SELECT * FROM unnest($26, $27, $28, $29, $30, $31) AS w(ord, product_id, quantity, name, price, status)
        ), locked AS (
            SELECT p.id, p.name, p.price, p.status, p.stock_quantity, p.archived_at IS NOT NULL AS archived
            FROM products p
            WHERE p.id IN (SELECT product_id FROM w)
            ORDER BY p.id
            FOR NO KEY UPDATE OF p
        ), verdict AS (
            SELECT (SELECT count(*) FROM locked) = (SELECT count(DISTINCT product_id) FROM w)
               AND NOT EXISTS (
                   SELECT 1 FROM locked l JOIN (SELECT product_id, sum(quantity) AS quantity FROM w GROUP BY product_id) d ON d.product_id = l.id
                   WHERE l.archived OR (l.status <> 'pre_order' AND l.stock_quantity < d.quantity))
               AND NOT EXISTS (
                   SELECT 1 FROM w JOIN locked l ON l.id = w.product_id
                   WHERE NOT (l.name = w.name AND l.price = w.price AND l.status = w.status)) AS ok
        ), placed AS (
            INSERT INTO orders (customer_name, customer_email, customer_phone,
                                shipping_address_line1, shipping_address_line2, shipping_address_city, shipping_address_state,
                                shipping_address_postal_code, shipping_address_country,
                                subtotal, shipping_fee, total, payment_status, fulfilment_status, reservation_status,
                                hold_expires_at, idempotency_key, razorpay_order_requested_at)
            SELECT o.customer_name, o.customer_email, o.customer_phone, o.line1, o.line2, o.city, o.state, o.postal_code, o.country,
                   o.subtotal, o.shipping_fee, o.total, o.payment_status, o.fulfilment_status, o.reservation_status,
                   o.hold_expires_at, o.idempotency_key, o.razorpay_order_requested_at
            FROM o, verdict v
            WHERE v.ok
            -- In key order, so two batches repeating the same keys take their index entries in the same order.
            ORDER BY o.idempotency_key
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id, idempotency_key, number, status, created_at, updated_at, xmin::text::bigint AS version
        ), placed_o AS (
            SELECT o.ord, p.id, p.number, o.movement_actor FROM placed p JOIN o ON o.idempotency_key = p.idempotency_key
        ), items AS (
            INSERT INTO order_items (order_id, product_id, product_name, unit_price, quantity)
            SELECT po.id, w.product_id, w.name, w.price, w.quantity
            FROM placed_o po JOIN w ON w.ord = po.ord
            ORDER BY po.ord, w.product_id
            RETURNING id, order_id, product_id
        ), taken AS (
            SELECT w.product_id, sum(w.quantity) AS quantity FROM placed_o po JOIN w ON w.ord = po.ord GROUP BY w.product_id
        ), moved AS (
            UPDATE products p SET stock_quantity = p.stock_quantity - t.quantity, updated_at = $32
            FROM taken t JOIN locked l ON l.id = t.product_id
            WHERE p.id = t.product_id AND l.status <> 'pre_order'
            RETURNING p.id, l.stock_quantity AS stock_before
        ), movements AS (
            INSERT INTO stock_movements (product_id, order_id, kind, delta, stock_after, reason, actor, occurred_at)
            SELECT w.product_id, po.id, $33, -w.quantity,
                   m.stock_before - sum(w.quantity) OVER (PARTITION BY w.product_id ORDER BY po.ord),
                   'Held for order ' || po.number || '.', po.movement_actor, $32
            FROM placed_o po JOIN w ON w.ord = po.ord JOIN moved m ON m.id = w.product_id
            ORDER BY po.ord, w.product_id
        ), events AS (
            INSERT INTO order_events (order_id, occurred_at, actor, actor_name, kind, message, data)
            SELECT po.id, o.event_at, o.event_actor, o.event_actor_name, o.event_kind, o.event_message, CAST(o.event_data AS jsonb)
            FROM placed_o po JOIN o ON o.ord = po.ord
            ORDER BY po.ord
            RETURNING id, order_id
        )
        SELECT v.ok, po.ord, p.id, p.number, p.status, p.created_at, p.updated_at, p.version, i.product_id, i.id, e.id
        FROM verdict v
        LEFT JOIN placed p ON true
        LEFT JOIN placed_o po ON po.id = p.id
        LEFT JOIN items i ON i.order_id = p.id
        LEFT JOIN events e ON e.order_id = p.id
        """;

    private static async Task<List<BatchRow>> ReadBatchAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<BatchRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new BatchRow(
                reader.GetBoolean(0),
                reader.ValueOrNull<long>(1),
                reader.ValueOrNull<int>(2),
                reader.TextOrNull(3),
                reader.ValueOrNull<OrderStatus>(4),
                reader.ValueOrNull<DateTime>(5),
                reader.ValueOrNull<DateTime>(6),
                reader.ValueOrNull<long>(7),
                reader.ValueOrNull<int>(8),
                reader.ValueOrNull<int>(9),
                reader.ValueOrNull<long>(10)));
        }

        return rows;
    }

    /// <summary>The verdict, and for a placed order's line what the database assigned (order, line and timeline entry).</summary>
    private sealed record BatchRow(
        bool Ok, long? Ordinal, int? OrderId, string? Number, OrderStatus? OrderStatus, DateTime? CreatedAt, DateTime? UpdatedAt, long? Version,
        int? ProductId, int? ItemId, long? EventId);
}
