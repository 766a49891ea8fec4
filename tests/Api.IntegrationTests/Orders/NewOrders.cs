using Diecast.Api.Data;
using Diecast.Api.Orders;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.IntegrationTests.Orders;

/// <summary>New products and new orders for the tests of the placement below GraphQL (OrderStock, OrderPlacements).</summary>
internal static class NewOrders
{
    /// <summary>The name prefix of products made with status <c>pre_order</c>, so a test can tell the statuses an order was priced with.</summary>
    public const string PreOrderPrefix = "Pre-order ";

    /// <summary>A product like the first one in the catalog, with its own slug and name, <paramref name="stock"/> units and <paramref name="status"/> (SQL).</summary>
    public static Task<int> ProductAsync(string connectionString, int stock, string status = "available") => TestSql.ScalarAsync<int>(connectionString, $"""
        INSERT INTO products (slug, name, brand, make, model, year, scale, genre, status, description, price, stock_quantity, images, is_featured)
        SELECT 'stock-' || gen_random_uuid(), CASE WHEN '{status}' = 'pre_order' THEN '{PreOrderPrefix}' ELSE '' END || name || ' ' || gen_random_uuid(),
               brand, make, model, year, scale, genre, '{status}', description, price, {stock}, images, false
        FROM products ORDER BY id LIMIT 1
        RETURNING id
        """);

    /// <summary>A new order for the lines, priced and named as the catalog has them now, as checkout builds it.</summary>
    public static async Task<Order> OrderAsync(string connectionString, string? idempotencyKey, params (int ProductId, int Quantity)[] lines)
    {
        var items = new List<OrderItem>();
        foreach (var (productId, quantity) in lines)
        {
            var (name, price) = (await TestSql.ScalarAsync<string>(connectionString, $"SELECT name FROM products WHERE id = {productId}"),
                await TestSql.ScalarAsync<decimal>(connectionString, $"SELECT price FROM products WHERE id = {productId}"));
            items.Add(new OrderItem { ProductId = productId, ProductName = name, UnitPrice = price, Quantity = quantity });
        }

        var subtotal = items.Sum(i => i.UnitPrice * i.Quantity);
        var order = new Order
        {
            CustomerName = "Test Buyer",
            CustomerEmail = "buyer@example.com",
            CustomerPhone = "+919800000000",
            ShippingAddress = new ShippingAddress { Line1 = "1 MG Road", Line2 = lines.Length > 1 ? "Flat 2" : null, City = "Pune", State = "Maharashtra", PostalCode = "411001", Country = "IN" },
            Items = items,
            Subtotal = subtotal,
            Total = subtotal,
            PaymentStatus = PaymentStatus.AwaitingPayment,
            ReservationStatus = items.Any(i => !i.ProductName.StartsWith(PreOrderPrefix, StringComparison.Ordinal)) ? ReservationStatus.Held : ReservationStatus.None,
            HoldExpiresAt = DateTime.UtcNow.AddMinutes(30),
            IdempotencyKey = idempotencyKey,
        };
        order.Record(OrderEventKind.Placed, OrderEventActor.Customer, "Order placed.", DateTime.UtcNow, data: lines.Length > 1 ? """{"lines":2}""" : null);
        return order;
    }

    /// <summary>The statuses <paramref name="order"/> was priced with: as <see cref="ProductAsync"/> made its products.</summary>
    public static Dictionary<int, Api.Catalog.CollectionStatus> Statuses(Order order) =>
        order.Items.DistinctBy(i => i.ProductId).ToDictionary(
            i => i.ProductId,
            i => i.ProductName.StartsWith(PreOrderPrefix, StringComparison.Ordinal) ? Api.Catalog.CollectionStatus.PreOrder : Api.Catalog.CollectionStatus.Available);

    /// <summary>Places <paramref name="order"/> alone, as OrderStock does (the statuses it was priced with, actor "checkout").</summary>
    public static async Task<OrderPlacement> PlaceAloneAsync(IServiceProvider services, Order order)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();
        return await services.GetRequiredService<OrderStock>().PlaceAsync(db, order, Statuses(order), "checkout", default);
    }

    /// <summary><paramref name="order"/> as a placement for OrderPlacements, priced as <see cref="Statuses"/> says, by "checkout".</summary>
    public static NewOrderPlacement Pending(Order order) => new(order, Statuses(order), "checkout");
}
