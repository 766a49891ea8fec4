using Diecast.Api.Data;
using Diecast.Api.Orders;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.IntegrationTests.Orders;

/// <summary>
/// OrderStock below GraphQL, on its own database: reservations are all or nothing, never oversell under concurrency, and a
/// release or sale happens once however many callers race for it.
/// </summary>
public sealed class OrderStockTests : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await TestCluster.CreateDatabaseAsync();
        _services = TestCluster.CreateDataServices(_connectionString);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_reservation_takes_the_units_and_writes_one_movement_per_product()
    {
        var (a, b) = (await NewProductAsync(5), await NewProductAsync(3));

        var (order, shortfalls) = await PlaceAsync((a, 2), (b, 3), (a, 1));

        Assert.Empty(shortfalls);
        Assert.Equal(ReservationStatus.Held, order.ReservationStatus);
        Assert.Equal((2, 0), (await StockAsync(a), await StockAsync(b)));
        Assert.Equal(
            [$"{a} Reservation -3 2", $"{b} Reservation -3 0"],
            await TestSql.StringsAsync(_connectionString, $"SELECT product_id || ' ' || kind || ' ' || delta || ' ' || stock_after FROM stock_movements WHERE order_id = {order.Id} ORDER BY product_id"));
    }

    [Fact]
    public async Task A_shortfall_on_one_line_reserves_nothing_and_names_the_line()
    {
        var (a, b) = (await NewProductAsync(5), await NewProductAsync(1));

        var (order, shortfalls) = await PlaceAsync((a, 2), (b, 2));

        Assert.Equal([new StockShortfall(b, 2, 1)], shortfalls);
        Assert.Equal((5, 1), (await StockAsync(a), await StockAsync(b)));
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM stock_movements WHERE order_id = {order.Id}"));
    }

    [Fact]
    public async Task Archived_products_are_a_shortfall_and_pre_orders_hold_nothing()
    {
        var (archived, preOrder) = (await NewProductAsync(5), await NewProductAsync(0));
        await TestSql.ExecuteAsync(_connectionString, $"UPDATE products SET archived_at = now() WHERE id = {archived}; UPDATE products SET status = 'pre_order' WHERE id = {preOrder}");

        var (_, archivedShortfalls) = await PlaceAsync((archived, 1));
        var (preOrdered, preOrderShortfalls) = await PlaceAsync((preOrder, 4));

        Assert.Equal([new StockShortfall(archived, 1, 0)], archivedShortfalls);
        Assert.Empty(preOrderShortfalls);
        Assert.Equal(ReservationStatus.None, preOrdered.ReservationStatus);
        Assert.Equal(0, await StockAsync(preOrder));
    }

    [Fact]
    public async Task Fifty_concurrent_buyers_of_the_last_five_units_get_exactly_five_reservations()
    {
        var product = await NewProductAsync(5);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => PlaceAsync((product, 1)))));

        Assert.Equal(5, results.Count(r => r.Shortfalls.Count == 0));
        Assert.Equal(0, await StockAsync(product));
        Assert.Equal(5L, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM stock_movements WHERE product_id = {product} AND kind = 'Reservation'"));
    }

    [Fact]
    public async Task Orders_sharing_products_in_opposite_line_orders_do_not_deadlock()
    {
        var (a, b) = (await NewProductAsync(100), await NewProductAsync(100));

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => i % 2 == 0 ? PlaceAsync((a, 1), (b, 1)) : PlaceAsync((b, 1), (a, 1)))));

        Assert.All(results, r => Assert.Empty(r.Shortfalls));
        Assert.Equal((60, 60), (await StockAsync(a), await StockAsync(b)));
    }

    [Fact]
    public async Task Concurrent_releases_of_one_order_give_the_units_back_once()
    {
        var product = await NewProductAsync(5);
        var (order, _) = await PlaceAsync((product, 3));

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => InTransactionAsync(order.Id, (stock, db, o) => stock.ReleaseAsync(db, o, "expiry", "Hold expired.", default)))));

        Assert.Equal(5, await StockAsync(product));
        Assert.Equal("released", await TestSql.ScalarAsync<string>(_connectionString, $"SELECT reservation_status::text FROM orders WHERE id = {order.Id}"));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM stock_movements WHERE order_id = {order.Id} AND kind = 'Release'"));
    }

    [Fact]
    public async Task A_sale_after_a_release_changes_nothing_and_a_second_hold_is_what_is_sold()
    {
        var product = await NewProductAsync(5);
        var (order, _) = await PlaceAsync((product, 2));
        await InTransactionAsync(order.Id, (stock, db, o) => stock.ReleaseAsync(db, o, "expiry", "Hold expired.", default));

        await InTransactionAsync(order.Id, (stock, db, o) => stock.SellAsync(db, o, "razorpay", default));
        Assert.Equal(5, await StockAsync(product));

        // A late payment holds the order again, then sells what it holds.
        await InTransactionAsync(order.Id, async (stock, db, o) => Assert.Empty(await stock.ReserveAsync(db, o, "razorpay", default)));
        await InTransactionAsync(order.Id, (stock, db, o) => stock.SellAsync(db, o, "razorpay", default));

        Assert.Equal(3, await StockAsync(product));
        Assert.Equal(
            ["Reservation -2", "Release 2", "Reservation -2", "Sale 0"],
            await TestSql.StringsAsync(_connectionString, $"SELECT kind || ' ' || delta FROM stock_movements WHERE order_id = {order.Id} ORDER BY id"));
        Assert.Equal("sold", await TestSql.ScalarAsync<string>(_connectionString, $"SELECT reservation_status::text FROM orders WHERE id = {order.Id}"));
    }

    [Fact]
    public async Task A_restock_puts_units_back_on_sale()
    {
        var product = await NewProductAsync(5);
        var (order, _) = await PlaceAsync((product, 2));
        await InTransactionAsync(order.Id, (stock, db, o) => stock.SellAsync(db, o, "razorpay", default));

        await InTransactionAsync(order.Id, (stock, db, o) => stock.RestockAsync(db, o, new Dictionary<int, int> { [product] = 1 }, "admin", "Refunded.", default));

        Assert.Equal(4, await StockAsync(product));
    }

    [Fact]
    public async Task A_placement_writes_the_order_its_lines_event_and_movements_in_one_go_and_hands_back_what_the_database_assigned()
    {
        var (a, b) = (await NewProductAsync(5), await NewProductAsync(3));
        var order = await NewOrderAsync("place-" + Guid.NewGuid(), (a, 2), (b, 3));

        var placement = await PlaceInOneStatementAsync(order);

        Assert.Equal(PlacementOutcome.Placed, placement.Outcome);
        Assert.Equal(
            $"{order.Id} {order.Number} pending_payment held 2",
            await TestSql.ScalarAsync<string>(_connectionString, $"SELECT id || ' ' || number || ' ' || status || ' ' || reservation_status || ' ' || (SELECT count(*) FROM order_items WHERE order_id = o.id) FROM orders o WHERE idempotency_key = '{order.IdempotencyKey}'"));
        Assert.Equal(
            order.Items.OrderBy(i => i.ProductId).Select(i => $"{i.Id} {i.OrderId} {i.ProductId} {i.Quantity}").ToArray(),
            await TestSql.StringsAsync(_connectionString, $"SELECT id || ' ' || order_id || ' ' || product_id || ' ' || quantity FROM order_items WHERE order_id = {order.Id} ORDER BY product_id"));
        Assert.Equal(
            [$"{a} Reservation -2 3 Held for order {order.Number}.", $"{b} Reservation -3 0 Held for order {order.Number}."],
            await TestSql.StringsAsync(_connectionString, $"SELECT product_id || ' ' || kind || ' ' || delta || ' ' || stock_after || ' ' || reason FROM stock_movements WHERE order_id = {order.Id} ORDER BY product_id"));
        Assert.Equal(order.Events[0].Id, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT id FROM order_events WHERE order_id = {order.Id} AND kind = 'Placed'"));
        Assert.NotEqual(0u, order.Version);
    }

    [Theory]
    [InlineData("price = price + 1")]
    [InlineData("name = name || ' (new)'")]
    [InlineData("status = 'pre_order'")]
    [InlineData("status = 'sold_out'")]
    public async Task A_placement_priced_from_a_catalog_that_changed_since_writes_nothing(string change)
    {
        var (a, b) = (await NewProductAsync(5), await NewProductAsync(5));
        var order = await NewOrderAsync("stale-" + Guid.NewGuid(), (a, 1), (b, 1));
        await TestSql.ExecuteAsync(_connectionString, $"UPDATE products SET {change} WHERE id = {b}");

        var placement = await PlaceInOneStatementAsync(order);

        Assert.Equal(PlacementOutcome.CatalogChanged, placement.Outcome);
        await AssertNothingWrittenAsync(order, (a, 5), (b, 5));
    }

    [Fact]
    public async Task A_placement_short_on_one_line_writes_nothing_and_names_the_line()
    {
        var (a, b, archived) = (await NewProductAsync(5), await NewProductAsync(1), await NewProductAsync(9));
        await TestSql.ExecuteAsync(_connectionString, $"UPDATE products SET archived_at = now() WHERE id = {archived}");

        var short1 = await NewOrderAsync("short-" + Guid.NewGuid(), (a, 2), (b, 2));
        var short2 = await NewOrderAsync("archived-" + Guid.NewGuid(), (a, 1), (archived, 1));

        var (first, second) = (await PlaceInOneStatementAsync(short1), await PlaceInOneStatementAsync(short2));

        Assert.Equal(new OrderPlacement(PlacementOutcome.OutOfStock, []).Outcome, first.Outcome);
        Assert.Equal([new StockShortfall(b, 2, 1)], first.Shortfalls);
        Assert.Equal([new StockShortfall(archived, 1, 0)], second.Shortfalls);
        await AssertNothingWrittenAsync(short1, (a, 5), (b, 1));
        await AssertNothingWrittenAsync(short2, (a, 5), (archived, 9));
    }

    [Fact]
    public async Task A_placement_whose_idempotency_key_placed_an_order_already_takes_no_stock()
    {
        var product = await NewProductAsync(5);
        var key = "twice-" + Guid.NewGuid();
        var first = await NewOrderAsync(key, (product, 2));
        Assert.Equal(PlacementOutcome.Placed, (await PlaceInOneStatementAsync(first)).Outcome);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await PlaceInOneStatementAsync(await NewOrderAsync(key, (product, 2))))));

        Assert.All(results, r => Assert.Equal(PlacementOutcome.KeyTaken, r.Outcome));
        Assert.Equal(3, await StockAsync(product));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM orders WHERE idempotency_key = '{key}'"));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM stock_movements WHERE product_id = {product}"));
    }

    [Fact]
    public async Task Fifty_concurrent_placements_of_the_last_five_units_make_exactly_five_orders()
    {
        var product = await NewProductAsync(5);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await PlaceInOneStatementAsync(await NewOrderAsync("last-" + Guid.NewGuid(), (product, 1))))));

        Assert.Equal(5, results.Count(r => r.Outcome == PlacementOutcome.Placed));
        Assert.Equal(45, results.Count(r => r.Outcome == PlacementOutcome.OutOfStock));
        Assert.Equal(0, await StockAsync(product));
        Assert.Equal(5L, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM order_items WHERE product_id = {product}"));
    }

    private Task<Order> NewOrderAsync(string idempotencyKey, params (int ProductId, int Quantity)[] lines) => NewOrders.OrderAsync(_connectionString, idempotencyKey, lines);

    private async Task<OrderPlacement> PlaceInOneStatementAsync(Order order)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();
        // The statuses the order was priced with: available, as NewProductAsync makes them.
        var statuses = order.Items.ToDictionary(i => i.ProductId, _ => Diecast.Api.Catalog.CollectionStatus.Available);
        return await _services.GetRequiredService<OrderStock>().PlaceAsync(db, order, statuses, "checkout", default);
    }

    private async Task AssertNothingWrittenAsync(Order order, params (int ProductId, int Stock)[] stock)
    {
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM orders WHERE idempotency_key = '{order.IdempotencyKey}'"));
        foreach (var (productId, expected) in stock)
        {
            Assert.Equal(expected, await StockAsync(productId));
            Assert.Equal(0L, await TestSql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM stock_movements WHERE product_id = {productId}"));
        }
    }

    private Task<int> NewProductAsync(int stock) => NewOrders.ProductAsync(_connectionString, stock);

    private Task<int> StockAsync(int productId) => TestSql.ScalarAsync<int>(_connectionString, $"SELECT stock_quantity FROM products WHERE id = {productId}");

    /// <summary>Inserts an order for the lines and reserves it in one transaction, rolled back on a shortfall, as checkout does.</summary>
    private async Task<(Order Order, IReadOnlyList<StockShortfall> Shortfalls)> PlaceAsync(params (int ProductId, int Quantity)[] lines)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var order = new Order
        {
            CustomerName = "Test Buyer",
            CustomerEmail = "buyer@example.com",
            CustomerPhone = "+919800000000",
            ShippingAddress = new ShippingAddress { Line1 = "1 MG Road", City = "Pune", State = "Maharashtra", PostalCode = "411001", Country = "IN" },
            Items = lines.Select(l => new OrderItem { ProductId = l.ProductId, ProductName = "Car", UnitPrice = 100m, Quantity = l.Quantity }).ToList(),
            Subtotal = 0m,
            Total = 0m,
            HoldExpiresAt = DateTime.UtcNow.AddMinutes(30),
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        var shortfalls = await _services.GetRequiredService<OrderStock>().ReserveAsync(db, order, "checkout", default);
        if (shortfalls.Count > 0)
        {
            await transaction.RollbackAsync();
            return (order, shortfalls);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (order, shortfalls);
    }

    private async Task InTransactionAsync(int orderId, Func<OrderStock, DiecastDbContext, Order, Task> change)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var order = await db.Orders.AsTracking().FirstAsync(o => o.Id == orderId);
        await change(_services.GetRequiredService<OrderStock>(), db, order);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
