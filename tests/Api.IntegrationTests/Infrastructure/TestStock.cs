using Diecast.Api.Catalog;
using Diecast.Api.Data;
using Diecast.Api.Orders;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>Products of a test's own and unpaid orders holding their stock, for tests about stock and its movements.</summary>
public static class TestStock
{
    /// <summary>A new product with <paramref name="stock"/> units (createProduct), so no other test moves its stock; its database id.</summary>
    public static async Task<int> NewProductAsync(ApiFactory api, int stock)
    {
        ArgumentNullException.ThrowIfNull(api);
        var input = MutationInputs.NewProduct();
        input["stockQuantity"] = stock;
        using var admin = api.CreateAdminClient();
        await admin.QueryDataAsync("mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } } }", new { input });
        return await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT id FROM products WHERE slug = '{input["slug"]}'");
    }

    /// <summary>An unpaid order of <paramref name="quantity"/> units of the product, its stock held by OrderStock as checkout holds it; its database id.</summary>
    public static async Task<int> PlaceHeldOrderAsync(string connectionString, int productId, int quantity)
    {
        await using var services = TestCluster.CreateDataServices(connectionString);
        await using var db = await services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();
        var product = await db.Products.SingleAsync(p => p.Id == productId);
        var subtotal = product.Price * quantity;
        var order = new Order
        {
            CustomerName = "Held Order",
            CustomerEmail = "held@example.com",
            CustomerPhone = "+91 9800000000",
            ShippingAddress = new ShippingAddress { Line1 = "1 MG Road", City = "Pune", State = "Maharashtra", PostalCode = "411001", Country = "IN" },
            Items = [new OrderItem { ProductId = productId, ProductName = product.Name, UnitPrice = product.Price, Quantity = quantity }],
            Subtotal = subtotal,
            ShippingFee = 0,
            Total = subtotal,
            HoldExpiresAt = DateTime.UtcNow.AddMinutes(30),
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        var shortfalls = await new OrderStock(TimeProvider.System).ReserveAsync(db, order, "checkout", CancellationToken.None);
        Assert.Empty(shortfalls);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return order.Id;
    }

    public static Task<int> StockAsync(string connectionString, int productId) =>
        TestSql.ScalarAsync<int>(connectionString, $"SELECT stock_quantity FROM products WHERE id = {productId}");

    public static string OrderNodeId(int id) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Order:{id}"));

    public static string ProductNodeId(int id) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Product:{id}"));
}
