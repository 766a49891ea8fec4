using System.Diagnostics;
using Diecast.Api.Catalog;
using Diecast.Api.Data;
using Diecast.Api.Orders;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Diecast.Api.IntegrationTests.Orders;

/// <summary>
/// The placement group commit attacked (a fresh-eyes review's tests): values Npgsql cannot send, orders the batch sets
/// aside, a server refusal, a product row held by another transaction (also past the command timeout), two instances
/// repeating keys, Razorpay ids stored from two instances, a caller that gives up.
/// </summary>
public sealed class OrderPlacementsHostileTests : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private ServiceProvider _other = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await TestCluster.CreateDatabaseAsync();
        _services = TestCluster.CreateDataServices(_connectionString);
        _other = TestCluster.CreateDataServices(_connectionString);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _other.DisposeAsync();
    }

    private OrderPlacements Placements => _services.GetRequiredService<OrderPlacements>();

    // ---- A failure before sending (not a PostgresException) -----------------------------------------------------------

    [Fact]
    public async Task A_client_side_encoding_failure_in_one_order_does_not_fail_the_others_of_its_batch()
    {
        var product = await NewProductAsync(10);
        var good = await NewOrderAsync("surrogate-good-0001", (product, 1));
        var bad = await NewOrderAsync("surrogate-bad-00001", (product, 1));
        bad.CustomerName = "Asha \uD800";

        // As for a PostgresException: nothing written, every order goes alone (where the bad one meets its own error).
        var results = await Placements.PlaceTogetherAsync([Pending(good), Pending(bad)], default);

        Assert.All(results, r => Assert.Same(BatchedPlacement.Alone, r));
        Assert.Equal(PlacementOutcome.Placed, (await PlaceAloneAsync(good)).Outcome);
    }

    [Fact]
    public async Task Orders_set_aside_from_the_statement_go_alone_whatever_becomes_of_the_batch()
    {
        var product = await NewProductAsync(10);
        var keyless = await NewOrderAsync("keyless-000000001", (product, 1));
        keyless.IdempotencyKey = null;
        var good = await NewOrderAsync("aside-good-000001", (product, 1));
        var bad = await NewOrderAsync("aside-bad-0000001", (product, 1));
        bad.CustomerName = "Asha \uD800";

        var (commit, gate, taken) = HeldWriter();
        await using var _ = commit;
        var blocker = commit.SubmitAsync(Pending(await NewOrderAsync("blocker-000000001", (product, 1))), default);
        await taken.WaitAsync(TimeSpan.FromSeconds(10));
        var answers = new[] { commit.SubmitAsync(Pending(keyless), default), commit.SubmitAsync(Pending(good), default), commit.SubmitAsync(Pending(bad), default) };
        gate.SetResult();
        await blocker;
        var outcomes = new List<string>();
        foreach (var answer in answers)
        {
            var exception = await Record.ExceptionAsync(() => answer);
            outcomes.Add(exception is null ? (await answer == BatchedPlacement.Alone ? "alone" : "decided") : exception.GetType().Name);
        }

        // The keyless order was never in the statement; the others were not written (one could not be encoded): all alone.
        Assert.Equal(["alone", "alone", "alone"], outcomes);
    }

    // ---- A server-side refusal of one order: every other order is placed alone ---------------------------------------

    [Fact]
    public async Task A_check_violation_in_one_order_sends_all_alone_and_the_others_are_placed()
    {
        var product = await NewProductAsync(10);
        var orders = new[] { await NewOrderAsync("check-good-000001", (product, 1)), await NewOrderAsync("check-bad-0000001", (product, 1)), await NewOrderAsync("check-good-000002", (product, 2)) };
        orders[1].Total = orders[1].Subtotal + 1; // ck_orders_total_is_sum
        orders[2].ShippingAddress = orders[2].ShippingAddress with { City = new string('x', 300) }; // too long, if the column is limited

        var results = await Placements.PlaceTogetherAsync([.. orders.Select(Pending)], default);

        Assert.All(results, r => Assert.Same(BatchedPlacement.Alone, r));
        Assert.Equal(10, await StockAsync(product));
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM orders WHERE idempotency_key LIKE 'check-%'"));
        Assert.Equal(PlacementOutcome.Placed, (await PlaceAloneAsync(orders[0])).Outcome);
        Assert.Equal(9, await StockAsync(product));
    }

    // ---- Head-of-line blocking: one locked product stalls placements of unrelated products ------------------------

    [Fact]
    public async Task A_locked_product_does_not_stall_placements_of_other_products()
    {
        var (locked, free) = (await NewProductAsync(100), await NewProductAsync(100));
        var lockedOrders = new List<Order>();
        var freeOrders = new List<Order>();
        for (var i = 0; i < 8; i++)
        {
            lockedOrders.Add(await NewOrderAsync($"hol-locked-{i:D8}", (locked, 1)));
            freeOrders.Add(await NewOrderAsync($"hol-free-{i:D10}", (free, 1)));
        }

        // An admin's (or a release's) transaction holding the product row for a while.
        await using var holder = new NpgsqlConnection(_connectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand($"SELECT 1 FROM products WHERE id = {locked} FOR NO KEY UPDATE", holder, transaction))
        {
            await lockCommand.ExecuteScalarAsync();
        }

        var started = Stopwatch.StartNew();
        var all = lockedOrders.Zip(freeOrders).SelectMany(p => new[] { p.First, p.Second })
            .Select(order => Task.Run(async () =>
            {
                await using var db = await _services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();
                return await Placements.PlaceAsync(db, order, Available(order), "checkout", default);
            }))
            .ToList();
        var freeTasks = all.Where((_, i) => i % 2 == 1).ToArray();
        // The lock is held until the free product's orders have all been answered (or a generous bound has passed).
        await Record.ExceptionAsync(() => Task.WhenAll(freeTasks).WaitAsync(TimeSpan.FromSeconds(30)));
        var freeFinished = freeTasks.Count(t => t.IsCompleted);
        var elapsed = started.Elapsed;
        await transaction.RollbackAsync();
        await Task.WhenAll(all);

        Assert.True(freeFinished == freeTasks.Length, $"only {freeFinished} of {freeTasks.Length} orders for an unlocked product finished within {elapsed.TotalSeconds:0.0}s while another product was locked");
        Assert.Equal(84, await StockAsync(locked) + await StockAsync(free) - 100);
    }

    [Fact]
    public async Task A_lock_held_past_the_command_timeout_leaves_unrelated_orders_of_the_batch_placed_not_unknown()
    {
        // An instance whose commands time out after 3 s (the default is 30 s; shortened to keep the test quick).
        await using var quick = TestCluster.CreateDataServices(_connectionString + ";Command Timeout=3");
        var placements = quick.GetRequiredService<OrderPlacements>();
        var (locked, free) = (await NewProductAsync(100), await NewProductAsync(100));
        var orders = new List<Order>();
        for (var i = 0; i < 8; i++)
        {
            orders.Add(await NewOrderAsync($"to-locked-{i:D8}", (locked, 1)));
            orders.Add(await NewOrderAsync($"to-free-{i:D10}", (free, 1)));
        }

        await using var holder = new NpgsqlConnection(_connectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand($"SELECT 1 FROM products WHERE id = {locked} FOR NO KEY UPDATE", holder, transaction))
        {
            await lockCommand.ExecuteScalarAsync();
        }

        var tasks = orders.Select(order => Task.Run(async () =>
        {
            await using var db = await quick.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();
            try
            {
                return (await placements.PlaceAsync(db, order, Available(order), "checkout", default)).Outcome.ToString();
            }
            catch (Exception exception)
            {
                return exception.GetType().Name;
            }
        })).ToList();
        // The lock is held until every order has its answer: the locked product's ones end at the 3 s command timeout.
        var outcomes = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
        await transaction.RollbackAsync();

        var free_ = outcomes.Where((_, i) => i % 2 == 1).ToList();
        var written = await TestSql.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM orders WHERE idempotency_key LIKE 'to-%'");
        Assert.True(free_.All(o => o == "Placed"), $"{written} orders written; orders for the unlocked product: " + string.Join(", ", free_) + " | locked product: " + string.Join(", ", outcomes.Where((_, i) => i % 2 == 0)));
    }

    // ---- Two instances, keys reused concurrently, shared/distinct/pre-order products: exact accounting -------------

    [Fact]
    public async Task Two_instances_with_repeated_keys_place_one_order_per_key_and_account_for_every_unit()
    {
        var (scarce, plenty, preOrder) = (await NewProductAsync(25), await NewProductAsync(10_000), await NewProductAsync(0, "pre_order"));
        var distinct = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            distinct.Add(await NewProductAsync(6));
        }

        // 60 keys, each sent 3 times (a double click and a retry), spread over two instances.
        var requests = new List<(string Key, Order Order, ServiceProvider Instance)>();
        var wanted = new Dictionary<string, (int ProductId, int Quantity)[]>();
        for (var k = 0; k < 60; k++)
        {
            var key = $"twoinst-{k:D8}-key";
            (int, int)[] lines = (k % 4) switch
            {
                0 => [(scarce, 1 + (k % 3)), (plenty, 1 + (k % 5))],
                1 => [(plenty, 1 + (k % 7))],
                2 => [(preOrder, 1 + (k % 2)), (distinct[k % 4], 1), (scarce, 1)],
                _ => [(distinct[(k / 4) % 4], 2), (plenty, 3)],
            };
            wanted[key] = lines;
            for (var r = 0; r < 3; r++)
            {
                requests.Add((key, await NewOrderAsync(key, lines), r % 2 == 0 ? _services : _other));
            }
        }

        var shuffled = requests.OrderBy(_ => Random.Shared.Next()).ToList();
        var results = await Task.WhenAll(shuffled.Select(request => Task.Run(async () =>
        {
            await using var db = await request.Instance.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();
            return await request.Instance.GetRequiredService<OrderPlacements>().PlaceAsync(db, request.Order, Available(request.Order), "checkout", default);
        })));

        // One order per key at most; a key is Placed at most once.
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM (SELECT idempotency_key FROM orders WHERE idempotency_key LIKE 'twoinst-%' GROUP BY 1 HAVING count(*) > 1) AS d"));
        var placedByKey = shuffled.Select((r, i) => (r, results[i])).Where(x => x.Item2.Outcome == PlacementOutcome.Placed).GroupBy(x => x.r.Key).ToList();
        Assert.All(placedByKey, g => Assert.Single(g));
        // Every key placed has KeyTaken for its other requests; every key not placed was refused as out of stock each time.
        foreach (var group in shuffled.Select((r, i) => (r, results[i])).GroupBy(x => x.r.Key))
        {
            var outcomes = group.Select(x => x.Item2.Outcome).ToList();
            if (outcomes.Contains(PlacementOutcome.Placed))
            {
                Assert.Equal(2, outcomes.Count(o => o is PlacementOutcome.KeyTaken or PlacementOutcome.OutOfStock));
            }
            else
            {
                Assert.All(outcomes, o => Assert.Equal(PlacementOutcome.OutOfStock, o));
            }
        }

        // The instance given back matches the row its key wrote: id, number, lines (product, quantity, id).
        foreach (var (request, _) in shuffled.Select((r, i) => (r, results[i])).Where(x => x.Item2.Outcome == PlacementOutcome.Placed))
        {
            var order = request.Order;
            Assert.Equal(request.Key, await TestSql.ScalarAsync<string>(_connectionString, $"SELECT idempotency_key FROM orders WHERE id = {order.Id} AND number = '{order.Number}'"));
            Assert.Equal(
                wanted[request.Key].OrderBy(l => l.ProductId).Select(l => $"{l.ProductId} {l.Quantity}"),
                await TestSql.StringsAsync(_connectionString, $"SELECT product_id || ' ' || quantity FROM order_items WHERE order_id = {order.Id} ORDER BY product_id"));
            Assert.Equal(
                order.Items.OrderBy(i => i.ProductId).Select(i => $"{i.Id} {i.ProductId}"),
                await TestSql.StringsAsync(_connectionString, $"SELECT id || ' ' || product_id FROM order_items WHERE order_id = {order.Id} ORDER BY product_id"));
        }

        // Exact accounting per product: stock now = start - units in lines (pre-order excepted); movements = lines.
        var start = new Dictionary<int, int> { [scarce] = 25, [plenty] = 10_000 };
        foreach (var d in distinct)
        {
            start[d] = 6;
        }

        foreach (var (productId, initial) in start)
        {
            var lineUnits = await TestSql.ScalarAsync<long>(_connectionString, $"SELECT coalesce(sum(quantity), 0) FROM order_items WHERE product_id = {productId}");
            var movementUnits = await TestSql.ScalarAsync<long>(_connectionString, $"SELECT coalesce(-sum(delta), 0) FROM stock_movements WHERE product_id = {productId} AND kind = 'Reservation'");
            var lineCount = await TestSql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM order_items WHERE product_id = {productId}");
            var movementCount = await TestSql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM order_items i JOIN stock_movements m ON m.order_id = i.order_id AND m.product_id = i.product_id AND m.kind = 'Reservation' AND -m.delta = i.quantity WHERE i.product_id = {productId}");
            Assert.Equal(lineUnits, movementUnits);
            Assert.Equal(lineCount, movementCount);
            Assert.Equal(initial - lineUnits, await StockAsync(productId));
            // A true sequence: by movement id, each stock_after = previous stock_after + delta, starting from the initial stock.
            Assert.Equal(0L, await TestSql.ScalarAsync<long>(_connectionString, $"""
                SELECT count(*) FROM (
                    SELECT stock_after, delta, lag(stock_after, 1, {initial}) OVER (ORDER BY id) AS before
                    FROM stock_movements WHERE product_id = {productId}
                ) AS s WHERE stock_after <> before + delta
                """));
        }

        Assert.Equal(0L, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM stock_movements WHERE product_id = {preOrder}"));
        Assert.Equal(0, await StockAsync(scarce) < 0 ? 1 : 0);
        // Each placed order has exactly one Placed timeline entry.
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(_connectionString, """
            SELECT count(*) FROM orders o WHERE o.idempotency_key LIKE 'twoinst-%'
              AND (SELECT count(*) FROM order_events e WHERE e.order_id = o.id AND e.kind = 'Placed') <> 1
            """));
    }

    [Fact]
    public async Task Razorpay_ids_stored_from_two_instances_at_once_are_stored_once_and_never_overwritten()
    {
        var product = await NewProductAsync(1000);
        var orderIds = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            var order = await NewOrderAsync($"rzp-store-{i:D8}", (product, 1));
            Assert.Equal(PlacementOutcome.Placed, (await PlaceAloneAsync(order)).Outcome);
            orderIds.Add(order.Id);
        }

        var attempts = orderIds.SelectMany(id => new[] { (Id: id, Rzp: $"order_A{id}", Instance: _services), (Id: id, Rzp: $"order_B{id}", Instance: _other) })
            .OrderBy(_ => Random.Shared.Next()).ToList();
        var stored = await Task.WhenAll(attempts.Select(a => Task.Run(() =>
            a.Instance.GetRequiredService<Diecast.Api.Payments.Razorpay.RazorpayOrderIds>().StoreAsync(
                new Diecast.Api.Payments.Razorpay.RazorpayOrderIdToStore(a.Id, a.Rzp, $"Razorpay order {a.Rzp} created.", $$"""{"razorpayOrderId":"{{a.Rzp}}"}"""), default))));

        foreach (var group in attempts.Select((a, i) => (a, stored[i])).GroupBy(x => x.a.Id))
        {
            var winners = group.Where(x => x.Item2).Select(x => x.a.Rzp).ToList();
            Assert.Single(winners);
            Assert.Equal(winners[0], await TestSql.ScalarAsync<string>(_connectionString, $"SELECT razorpay_order_id FROM orders WHERE id = {group.Key}"));
            Assert.Equal(
                [winners[0]],
                await TestSql.StringsAsync(_connectionString, $"SELECT data->>'razorpayOrderId' FROM order_events WHERE order_id = {group.Key} AND kind = 'PaymentStarted'"));
        }
    }

    // ---- A caller that stops waiting before a writer takes its placement ------------------------------------------------

    [Fact]
    public async Task A_placement_whose_caller_gave_up_before_a_writer_took_it_is_not_written()
    {
        var product = await NewProductAsync(10);
        var (commit, gate, taken) = HeldWriter();
        await using var _ = commit;
        var blocker = commit.SubmitAsync(Pending(await NewOrderAsync("cancel-blocker-001", (product, 1))), default);
        await taken.WaitAsync(TimeSpan.FromSeconds(10));
        using var cancel = new CancellationTokenSource();
        var (one, two) = (await NewOrderAsync("cancel-one-000001", (product, 1)), await NewOrderAsync("cancel-two-000001", (product, 1)));
        var first = commit.SubmitAsync(Pending(one), cancel.Token);
        var second = commit.SubmitAsync(Pending(two), default);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        gate.SetResult();
        await blocker;
        await second;

        // The caller was told it was cancelled, and it was: nothing written for it; the other placement went on.
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM orders WHERE idempotency_key = 'cancel-one-000001'"));
        Assert.Equal(PlacementOutcome.Placed, (await second).Placement?.Outcome ?? (await PlaceAloneAsync(two)).Outcome);
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM orders WHERE idempotency_key = 'cancel-two-000001'"));
    }

    /// <summary>
    /// A one-writer group commit over <see cref="OrderPlacements.PlaceTogetherAsync"/> whose first batch is held (and
    /// answered "alone") until the gate opens, so the writes submitted meanwhile queue; taken completes when it is held.
    /// </summary>
    private (GroupCommit<NewOrderPlacement, BatchedPlacement> Commit, TaskCompletionSource Gate, Task Taken) HeldWriter()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var commit = new GroupCommit<NewOrderPlacement, BatchedPlacement>(
            async (batch, ct) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    taken.SetResult();
                    await gate.Task;
                    return [.. batch.Select(_ => BatchedPlacement.Alone)];
                }

                return await Placements.PlaceTogetherAsync(batch, ct);
            },
            maxBatch: 32,
            writers: 1);
        return (commit, gate, taken.Task);
    }

    private Task<OrderPlacement> PlaceAloneAsync(Order order) => NewOrders.PlaceAloneAsync(_services, order);

    private static NewOrderPlacement Pending(Order order) => NewOrders.Pending(order);

    private static Dictionary<int, CollectionStatus> Available(Order order) => NewOrders.Statuses(order);

    private Task<Order> NewOrderAsync(string idempotencyKey, params (int ProductId, int Quantity)[] lines) => NewOrders.OrderAsync(_connectionString, idempotencyKey, lines);

    private Task<int> NewProductAsync(int stock, string status = "available") => NewOrders.ProductAsync(_connectionString, stock, status);

    private Task<int> StockAsync(int productId) => TestSql.ScalarAsync<int>(_connectionString, $"SELECT stock_quantity FROM products WHERE id = {productId}");
}
