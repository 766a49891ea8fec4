using Diecast.Api.Orders;
using Npgsql;
using static Diecast.Api.Data.DirectCommands;

namespace Diecast.Api.Payments.Razorpay;

/// <summary>What <see cref="RazorpayOrderIds.StoreAsync"/> stores: Razorpay's order id for one of ours, with the text and data of its PaymentStarted timeline entry.</summary>
public sealed record RazorpayOrderIdToStore(int OrderId, string RazorpayOrderId, string Message, string Data);

/// <summary>
/// Stores Razorpay's order ids on our orders, each with its PaymentStarted timeline entry, only while the order has none:
/// the second write of every placeOrder. Stores that arrive together are made together, one statement and one commit for
/// the batch (<see cref="GroupCommit{TWrite, TResult}"/>); a lone store, or any batch the server refuses (nothing is then
/// written), goes alone, so each store's answer is its own.
/// </summary>
public sealed class RazorpayOrderIds : IAsyncDisposable
{
    /// <summary>
    /// How long a batch of stores waits for an order row another transaction holds (a payment being settled, an expiry)
    /// before it gives up and each store goes alone, so one busy order does not hold up the others.
    /// </summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>The most stores in one statement.</summary>
    public const int MaxBatch = 32;

    /// <summary>
    /// Batches in flight at once per instance. One: a store waits for no lock but its own order's row, and one writer makes
    /// the largest batches (fewest commits) under load.
    /// </summary>
    public const int Writers = 1;

    private readonly IDbContextFactory<DiecastDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly GroupCommit<RazorpayOrderIdToStore, bool?> _batches;

    public RazorpayOrderIds(IDbContextFactory<DiecastDbContext> contexts, TimeProvider time)
    {
        (_contexts, _time) = (contexts, time);
        _batches = new GroupCommit<RazorpayOrderIdToStore, bool?>(StoreTogetherAsync, MaxBatch, Writers);
    }

    /// <summary>
    /// Stores <paramref name="store"/>'s id and timeline entry (actor System, kind PaymentStarted, at the database's now)
    /// unless the order already has a Razorpay order id; true when it was stored, false when one was there (or there is
    /// no such order). Database errors are Npgsql's, as for any statement; once sent, the store is made even if the
    /// caller stops waiting.
    /// </summary>
    public async Task<bool> StoreAsync(RazorpayOrderIdToStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await _batches.SubmitAsync(store, cancellationToken) is { } stored)
        {
            return stored;
        }

        return (await StoreAllAsync([store], lockTimeout: null, cancellationToken)).Contains(store.OrderId);
    }

    public ValueTask DisposeAsync() => _batches.DisposeAsync();

    private static readonly string Actor = nameof(OrderEventActor.System);

    private static readonly string Kind = nameof(OrderEventKind.PaymentStarted);

    /// <summary>
    /// Stores <paramref name="batch"/> in one statement: one answer per store, in order, as <see cref="StoreAsync"/>'s, or
    /// null: not stored here (the server refused the statement, or the order is in the batch twice), store it alone. Fewer
    /// than two stores are not sent at all.
    /// </summary>
    public async Task<IReadOnlyList<bool?>> StoreTogetherAsync(IReadOnlyList<RazorpayOrderIdToStore> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = new bool?[batch.Count];
        // An order twice in one batch (two attempts at once) would be stored once with either id: the later ones go alone.
        var together = batch.Select((store, index) => (Store: store, Index: index)).DistinctBy(s => s.Store.OrderId).ToList();
        if (together.Count < 2)
        {
            return results;
        }

        HashSet<int> stored;
        try
        {
            stored = await StoreAllAsync([.. together.Select(s => s.Store)], LockTimeout, cancellationToken);
        }
        catch (PostgresException)
        {
            // Refused (an order row held past LockTimeout, a deadlock): nothing written; each goes alone, waiting as long as it must.
            return results;
        }

        foreach (var (store, index) in together)
        {
            results[index] = stored.Contains(store.OrderId);
        }

        return results;
    }

    /// <summary>Stores <paramref name="stores"/> (one per order) in one statement; answers the orders that got their id.</summary>
    private async Task<HashSet<int>> StoreAllAsync(IReadOnlyList<RazorpayOrderIdToStore> stores, TimeSpan? lockTimeout, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.QueryAsync(
            StoreSql,
            [
                Value(stores.Select(s => s.OrderId).ToArray()),
                Value(stores.Select(s => s.RazorpayOrderId).ToArray()),
                Value(stores.Select(s => s.Message).ToArray()),
                Value(stores.Select(s => s.Data).ToArray()),
                Timestamp(_time.GetDatabaseUtcNow()),
                Text(Actor),
                Text(Kind),
            ],
            ReadOrderIdsAsync,
            genericPlan: true,
            lockTimeout,
            cancellationToken);
    }

    private static async Task<HashSet<int>> ReadOrderIdsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var ids = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    /// <summary>
    /// Per store: $1 our order id, $2 Razorpay's order id, $3 the entry's message, $4 its data (JSON); $5 now, $6 the
    /// entry's actor, $7 its kind; answers the ids of the orders stored. The orders are locked in id order (no deadlock between two batches); only those without
    /// a Razorpay order id are changed, and get the entry.
    /// </summary>
    private const string StoreSql = """
        WITH s AS (
            SELECT * FROM unnest($1, $2, $3, $4) AS s(order_id, razorpay_order_id, message, data)
        ), locked AS (
            SELECT o.id FROM orders o
            WHERE o.id IN (SELECT order_id FROM s) AND o.razorpay_order_id IS NULL
            ORDER BY o.id
            FOR NO KEY UPDATE OF o
        ), stored AS (
            UPDATE orders o SET razorpay_order_id = s.razorpay_order_id, updated_at = $5
            FROM locked l JOIN s ON s.order_id = l.id
            WHERE o.id = l.id AND o.razorpay_order_id IS NULL
            RETURNING o.id
        )
        INSERT INTO order_events (order_id, occurred_at, actor, kind, message, data)
        SELECT s.order_id, $5, $6, $7, s.message, CAST(s.data AS jsonb) FROM stored JOIN s ON s.order_id = stored.id
        RETURNING order_id
        """;
}
