using Diecast.Api.Catalog;
using Diecast.Api.Data;
using Diecast.Api.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Diecast.Api.IntegrationTests.Data;

public sealed class DatabaseTests
{
    [Fact]
    public async Task The_migrations_match_the_model()
    {
        await using var services = TestCluster.CreateDataServices(await TestCluster.CreateDatabaseAsync());
        await using var db = await services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: add a migration.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Enums_and_lists_are_native_PostgreSQL_types()
    {
        var columns = await QueryAsync(
            await TestCluster.CreateDatabaseAsync(),
            "SELECT table_name || '.' || column_name || ' ' || udt_name FROM information_schema.columns WHERE table_name IN ('products', 'orders', 'journal_entries')");

        Assert.Contains("products.genre genre", columns);
        Assert.Contains("products.status collection_status", columns);
        Assert.Contains("orders.status order_status", columns);
        Assert.Contains("products.images _text", columns);
        Assert.Contains("journal_entries.tags _text", columns);
        Assert.Contains("products.price numeric", columns);
    }

    [Fact]
    public async Task The_demo_shop_is_realistic()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();

        Assert.True(int.Parse((await QueryAsync(connectionString, "SELECT count(*) FROM products"))[0], System.Globalization.CultureInfo.InvariantCulture) >= 60);
        Assert.Equal(Enum.GetValues<Genre>().Length, (await QueryAsync(connectionString, "SELECT DISTINCT genre FROM products")).Count);
        Assert.True((await QueryAsync(connectionString, "SELECT DISTINCT brand FROM products")).Count >= 10);
        Assert.True((await QueryAsync(connectionString, "SELECT DISTINCT scale FROM products")).Count >= 4);
        Assert.Equal(["false", "true"], await QueryAsync(connectionString, "SELECT DISTINCT is_published::text FROM journal_entries ORDER BY 1"));
        Assert.Empty(await QueryAsync(connectionString, "SELECT number FROM orders WHERE number NOT LIKE 'DC-%' OR total <> subtotal + shipping_fee"));
        Assert.Empty(await QueryAsync(connectionString, """
            SELECT o.number FROM orders o JOIN order_items i ON i.order_id = o.id
            GROUP BY o.id HAVING o.subtotal <> sum(i.unit_price * i.quantity)
            """));
    }

    [Fact]
    public async Task Seeding_an_already_seeded_database_changes_nothing()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using var services = TestCluster.CreateDataServices(connectionString);
        var before = await QueryAsync(connectionString, "SELECT count(*) FROM products UNION ALL SELECT count(*) FROM orders");

        Assert.False(await services.GetRequiredService<DemoDataSeeder>().SeedAsync());
        Assert.Equal(before, await QueryAsync(connectionString, "SELECT count(*) FROM products UNION ALL SELECT count(*) FROM orders"));
    }

    [Fact]
    public async Task Concurrent_first_starts_seed_exactly_once()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();
        await using var services = TestCluster.CreateDataServices(connectionString);
        await using (var db = await services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        var seeders = Enumerable.Range(0, 3).Select(_ => services.GetRequiredService<DemoDataSeeder>().SeedAsync());
        var seeded = await Task.WhenAll(seeders);

        Assert.Single(seeded, s => s);
        Assert.Equal("12", (await QueryAsync(connectionString, "SELECT count(*) FROM orders"))[0]);
    }

    [Fact]
    public async Task A_large_catalog_is_generated_with_unique_slugs_and_valid_rows()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using var services = TestCluster.CreateDataServices(connectionString);
        var seeder = services.GetRequiredService<LargeCatalogSeeder>();
        var before = int.Parse((await QueryAsync(connectionString, "SELECT count(*) FROM products"))[0], System.Globalization.CultureInfo.InvariantCulture);

        await seeder.SeedAsync(5_000);
        await seeder.SeedAsync(5_000);

        Assert.Equal((before + 10_000).ToString(System.Globalization.CultureInfo.InvariantCulture), (await QueryAsync(connectionString, "SELECT count(*) FROM products"))[0]);
        Assert.Equal(Enum.GetValues<Genre>().Length, (await QueryAsync(connectionString, "SELECT DISTINCT genre FROM products")).Count);
        Assert.Empty(await QueryAsync(connectionString, "SELECT slug FROM products WHERE slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$'"));
        Assert.Empty(await QueryAsync(connectionString, "SELECT id FROM products WHERE price < 149 OR price > 34999 OR scale(price) <> 2"));
    }

    [Fact]
    public async Task Saving_a_change_stamps_its_time()
    {
        await using var services = TestCluster.CreateDataServices(await TestCluster.CreateDatabaseAsync());
        var factory = services.GetRequiredService<IDbContextFactory<DiecastDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var product = await db.Products.AsTracking().OrderBy(p => p.Id).FirstAsync();
        var before = product.UpdatedAt;

        product.StockQuantity += 1;
        await db.SaveChangesAsync();

        await using var check = await factory.CreateDbContextAsync();
        Assert.True((await check.Products.SingleAsync(p => p.Id == product.Id)).UpdatedAt > before);
    }

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }
}
