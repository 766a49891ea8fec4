using Diecast.Api.Catalog;
using Diecast.Api.Data;
using Diecast.Api.Orders;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.IntegrationTests.Orders;

/// <summary>
/// OrderPlacements below GraphQL, on its own database: a batch places each order as a lone placement would (its lines,
/// movements in sequence, its timeline entry, one commit for all), or writes nothing and sends every order to be placed
/// alone; and concurrent placements through it never oversell.
/// </summary>
public sealed class OrderPlacementsTests : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await TestCluster.CreateDatabaseAsync();
        _services = TestCluster.CreateDataServices(_connectionString);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private OrderPlacements Placements => _services.GetRequiredService<OrderPlacements>();

    [Fact]
    public async Task A_batch_places_every_order_in_one_commit_with_its_lines_timeline_and_movements_in_sequence()
    {
        var (shared, other, preOrder) = (await NewProductAsync(10), await NewProductAsync(4), await NewProductAsync(0, "pre_order"));
        var orders = new[]
        {
            await NewOrderAsync("batch-1", (shared, 2)),
            await NewOrderAsync("batch-2", (other, 4), (shared, 3)),
            await NewOrderAsync("batch-3", (preOrder, 7)),
            await NewOrderAsync("batch-4", (shared, 1), (preOrder, 1)),
        };

        var results = await Placements.PlaceTogetherAsync([.. orders.Select(Pending)], default);

        Assert.All(results, r => Assert.Equal(PlacementOutcome.Placed, r.Placement!.Outcome));
        Assert.Equal(4, orders.Select(o => o.Id).Where(id => id > 0).Distinct().Count());
        Assert.Equal((4, 0, 0), (await StockAsync(shared), await StockAsync(other), await StockAsync(preOrder)));
        // Each order's reservation, in the batch's order: the stock after each follows the one before (pre-orders hold nothing).
        Assert.Equal(
            [$"batch-1 {shared} -2 8", $"batch-2 {shared} -3 5", $"batch-2 {other} -4 0", $"batch-4 {shared} -1 4"],
            await TestSql.StringsAsync(_connectionString, """
                SELECT o.idempotency_key || ' ' || m.product_id || ' ' || m.delta || ' ' || m.stock_after
                FROM stock_movements m JOIN orders o ON o.id = m.order_id
                WHERE m.kind = 'Reservation' AND m.reason = 'Held for order ' || o.number || '.' AND o.idempotency_key LIKE 'batch-%'
                ORDER BY o.id, m.product_id
                """));
        // What the database assigned came back to each order: its lines' and timeline entry's ids, its number and version.
        foreach (var order in orders)
        {
            Assert.Equal(order.Number, await TestSql.ScalarAsync<string>(_connectionString, $"SELECT number FROM orders WHERE id = {order.Id}"));
            Assert.Equal(
                order.Items.OrderBy(i => i.ProductId).Select(i => $"{i.Id} {i.ProductId} {i.Quantity}"),
                await TestSql.StringsAsync(_connectionString, $"SELECT id || ' ' || product_id || ' ' || quantity FROM order_items WHERE order_id = {order.Id} ORDER BY product_id"));
            Assert.Equal(order.Events[0].Id, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT id FROM order_events WHERE order_id = {order.Id} AND kind = 'Placed'"));
            Assert.Equal((long)order.Version, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT xmin::text::bigint FROM orders WHERE id = {order.Id}"));
        }

        // One statement, one transaction: every order of the batch has the same creation time.
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(_connectionString, "SELECT count(DISTINCT created_at) FROM orders WHERE idempotency_key LIKE 'batch-%'"));
        Assert.Equal(ReservationStatus.None, orders[2].ReservationStatus);
    }

    [Fact]
    public async Task A_key_that_already_placed_an_order_takes_nothing_and_the_rest_of_the_batch_is_placed()
    {
        var product = await NewProductAsync(10);
        var first = await NewOrderAsync("taken-key", (product, 1));
        Assert.Equal(PlacementOutcome.Placed, (await PlaceAloneAsync(first)).Outcome);
        var (again, fresh) = (await NewOrderAsync("taken-key", (product, 5)), await NewOrderAsync("fresh-key", (product, 2)));

        var results = await Placements.PlaceTogetherAsync([Pending(again), Pending(fresh)], default);

        Assert.Equal([PlacementOutcome.KeyTaken, PlacementOutcome.Placed], results.Select(r => r.Placement!.Outcome));
        Assert.Equal(7, await StockAsync(product));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM orders WHERE idempotency_key = 'taken-key'"));
        Assert.Equal(["1", "2"], await TestSql.StringsAsync(_connectionString, $"SELECT quantity::text FROM order_items WHERE product_id = {product} ORDER BY id"));
    }

    [Fact]
    public async Task A_key_twice_in_one_batch_is_placed_once_and_the_repeat_goes_alone()
    {
        var product = await NewProductAsync(10);
        var (one, repeat, other) = (await NewOrderAsync("double-click", (product, 1)), await NewOrderAsync("double-click", (product, 1)), await NewOrderAsync("other", (product, 1)));

        var results = await Placements.PlaceTogetherAsync([Pending(one), Pending(repeat), Pending(other)], default);

        Assert.Equal(PlacementOutcome.Placed, results[0].Placement!.Outcome);
        Assert.Same(BatchedPlacement.Alone, results[1]);
        Assert.Equal(PlacementOutcome.Placed, results[2].Placement!.Outcome);
        Assert.Equal(PlacementOutcome.KeyTaken, (await PlaceAloneAsync(repeat)).Outcome);
        Assert.Equal(8, await StockAsync(product));
    }

    [Fact]
    public async Task An_order_the_batch_cannot_take_goes_alone_and_does_not_hold_up_the_others()
    {
        var product = await NewProductAsync(10);
        var (keyless, lineless, duplicateLines) = (await NewOrderAsync("keyless", (product, 1)), await NewOrderAsync("lineless", (product, 1)), await NewOrderAsync("twice", (product, 1)));
        keyless.IdempotencyKey = null;
        lineless.Items.Clear();
        duplicateLines.Items.Add(new OrderItem { ProductId = product, ProductName = duplicateLines.Items[0].ProductName, UnitPrice = duplicateLines.Items[0].UnitPrice, Quantity = 1 });
        var (one, two) = (await NewOrderAsync("fine-1", (product, 1)), await NewOrderAsync("fine-2", (product, 2)));

        var results = await Placements.PlaceTogetherAsync([Pending(keyless), Pending(one), Pending(lineless), Pending(duplicateLines), Pending(two)], default);

        Assert.Equal([null, PlacementOutcome.Placed, null, null, PlacementOutcome.Placed], results.Select(r => r.Placement?.Outcome));
        Assert.Equal(7, await StockAsync(product));
        // Alone, the keyless order is placed and the malformed ones are refused by OrderStock, as without batches.
        Assert.Equal(PlacementOutcome.Placed, (await PlaceAloneAsync(keyless)).Outcome);
        await Assert.ThrowsAsync<ArgumentException>(() => PlaceAloneAsync(lineless));
        await Assert.ThrowsAsync<ArgumentException>(() => PlaceAloneAsync(duplicateLines));
    }

    public static TheoryData<string> WhatStopsABatch => new()
    {
        "the batch together asks for more than the stock",
        "a product was repriced since the order read it",
        "a product was renamed since the order read it",
        "a product is archived",
        "a product is unknown",
        "a product sold out",
    };

    [Theory]
    [MemberData(nameof(WhatStopsABatch))]
    public async Task A_batch_that_cannot_be_placed_whole_writes_nothing_and_sends_every_order_alone(string fault)
    {
        var (a, b) = (await NewProductAsync(5), await NewProductAsync(5));
        var orders = new[] { await NewOrderAsync("whole-1", (a, 3)), await NewOrderAsync("whole-2", (b, 1), (a, 1)) };
        switch (fault)
        {
            case "the batch together asks for more than the stock":
                orders[1].Items.Single(i => i.ProductId == a).Quantity = 3;
                break;
            case "a product was repriced since the order read it":
                await TestSql.ExecuteAsync(_connectionString, $"UPDATE products SET price = price + 1 WHERE id = {b}");
                break;
            case "a product was renamed since the order read it":
                await TestSql.ExecuteAsync(_connectionString, $"UPDATE products SET name = name || ' II' WHERE id = {b}");
                break;
            case "a product is archived":
                await TestSql.ExecuteAsync(_connectionString, $"UPDATE products SET archived_at = now() WHERE id = {b}");
                break;
            case "a product is unknown":
                orders[1].Items.Single(i => i.ProductId == b).ProductId = b + 1000;
                break;
            case "a product sold out":
                await TestSql.ExecuteAsync(_connectionString, $"UPDATE products SET stock_quantity = 0 WHERE id = {b}");
                break;
        }

        var results = await Placements.PlaceTogetherAsync([.. orders.Select(Pending)], default);

        Assert.All(results, r => Assert.Same(BatchedPlacement.Alone, r));
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM orders WHERE idempotency_key LIKE 'whole-%'"));
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM stock_movements WHERE product_id IN ({a}, {b})"));
        Assert.Equal(5, await StockAsync(a));
        // Alone, the first order (product a only) is placed whatever happened to b.
        Assert.Equal(PlacementOutcome.Placed, (await PlaceAloneAsync(orders[0])).Outcome);
    }

    [Fact]
    public async Task Two_hundred_concurrent_placements_through_the_batches_sell_exactly_the_stock_and_no_more()
    {
        var (scarce, plenty) = (await NewProductAsync(30), await NewProductAsync(1000));
        var orders = new List<Order>();
        for (var i = 0; i < 200; i++)
        {
            orders.Add(await NewOrderAsync($"rush-{i}", i % 2 == 0 ? [(scarce, 1), (plenty, 1)] : [(plenty, 2)]));
        }

        var results = await Task.WhenAll(orders.Select(order => Task.Run(async () =>
        {
            await using var db = await _services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();
            return await Placements.PlaceAsync(db, order, Available(order), "checkout", default);
        })));

        var placed = orders.Where((_, i) => results[i].Outcome == PlacementOutcome.Placed).ToList();
        Assert.Equal(100 + 30, placed.Count);
        Assert.All(results.Where(r => r.Outcome != PlacementOutcome.Placed), r => Assert.Equal(PlacementOutcome.OutOfStock, r.Outcome));
        Assert.Equal((0, 1000 - 30 - (100 * 2)), (await StockAsync(scarce), await StockAsync(plenty)));
        // Every unit gone from stock is in one order line and one movement, and every movement's stock-after is distinct.
        Assert.Equal(30L + 30 + 200, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT sum(quantity) FROM order_items WHERE product_id IN ({scarce}, {plenty})"));
        Assert.Equal(-(30L + 30 + 200), await TestSql.ScalarAsync<long>(_connectionString, $"SELECT sum(delta) FROM stock_movements WHERE kind = 'Reservation' AND product_id IN ({scarce}, {plenty})"));
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(_connectionString, $"""
            SELECT count(*) FROM (
                SELECT product_id, stock_after FROM stock_movements WHERE product_id IN ({scarce}, {plenty}) GROUP BY 1, 2 HAVING count(*) > 1
            ) AS repeated
            """));
        Assert.Equal(130L, await TestSql.ScalarAsync<long>(_connectionString, """
            SELECT count(*) FROM order_events e JOIN orders o ON o.id = e.order_id WHERE e.kind = 'Placed' AND o.idempotency_key LIKE 'rush-%'
            """));
    }

    private Task<OrderPlacement> PlaceAloneAsync(Order order) => NewOrders.PlaceAloneAsync(_services, order);

    private static NewOrderPlacement Pending(Order order) => NewOrders.Pending(order);

    private static Dictionary<int, CollectionStatus> Available(Order order) => NewOrders.Statuses(order);

    private Task<Order> NewOrderAsync(string idempotencyKey, params (int ProductId, int Quantity)[] lines) => NewOrders.OrderAsync(_connectionString, idempotencyKey, lines);

    private Task<int> NewProductAsync(int stock, string status = "available") => NewOrders.ProductAsync(_connectionString, stock, status);

    private Task<int> StockAsync(int productId) => TestSql.ScalarAsync<int>(_connectionString, $"SELECT stock_quantity FROM products WHERE id = {productId}");
}
