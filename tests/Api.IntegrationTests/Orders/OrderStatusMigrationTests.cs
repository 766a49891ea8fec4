using Diecast.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Diecast.Api.IntegrationTests.Orders;

/// <summary>
/// The migration that split the order status (MoneyPathModel), applied to a database at the migration before it that
/// holds an order in every old status: each order gets the payment/fulfilment pair that shows the status it had.
/// </summary>
public sealed class OrderStatusMigrationTests
{
    /// <summary>The last migration before the split.</summary>
    private const string BeforeTheSplit = "20261125081939_CatalogIndexesCoverProductsOnSale";

    [Fact]
    public async Task Every_old_status_becomes_the_pair_that_shows_it()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();
        await using var services = TestCluster.CreateDataServices(connectionString + ";Pooling=false");
        await using var db = await services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(BeforeTheSplit);
        Assert.Contains(MoneyPathMigration, await db.Database.GetPendingMigrationsAsync());
        await TestSql.ExecuteAsync(connectionString, """
            INSERT INTO orders (number, customer_name, customer_email, customer_phone, shipping_address_line1, shipping_address_city,
                                shipping_address_state, shipping_address_postal_code, shipping_address_country, status, subtotal, shipping_fee, total,
                                created_at, updated_at)
            SELECT 'M-' || s, 'Migrated', 'm@example.com', '+91 9800000000', '1 MG Road', 'Pune', 'Maharashtra', '411001', 'IN',
                   s::order_status, 1000, 99, 1099, '2026-01-02 03:04:05+00', '2026-01-09 10:11:12+00'
            FROM unnest(enum_range(NULL::order_status)) AS s
            """);

        await migrator.MigrateAsync();

        var rows = await TestSql.StringsAsync(connectionString, """
            SELECT concat_ws(' ', number, status, payment_status, fulfilment_status, reservation_status,
                             coalesce(to_char(cancelled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'), '-'),
                             amount_paid, amount_refunded,
                             coalesce(to_char(paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'), '-'))
            FROM orders ORDER BY number
            """);
        Assert.Equal(
            [
                "M-cancelled cancelled voided unfulfilled none 2026-01-09T10:11:12 0.00 0.00 -",
                "M-delivered delivered paid delivered none - 1099.00 0.00 2026-01-02T03:04:05",
                "M-fulfilling fulfilling paid fulfilling none - 1099.00 0.00 2026-01-02T03:04:05",
                "M-paid paid paid unfulfilled none - 1099.00 0.00 2026-01-02T03:04:05",
                "M-pending_payment pending_payment awaiting_payment unfulfilled none - 0.00 0.00 -",
                "M-refunded refunded refunded unfulfilled none - 1099.00 1099.00 2026-01-02T03:04:05",
                "M-shipped shipped paid shipped none - 1099.00 0.00 2026-01-02T03:04:05",
            ],
            rows);

        // One imported event each, at the order's creation.
        var events = await TestSql.StringsAsync(connectionString, """
            SELECT concat_ws(' ', o.number, e.kind, e.actor, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'))
            FROM order_events e JOIN orders o ON o.id = e.order_id ORDER BY o.number, e.id
            """);
        Assert.Equal(7, events.Count);
        Assert.All(events, e => Assert.Matches("^M-[a-z_]+ Placed System 2026-01-02T03:04:05$", e));
    }

    private static string MoneyPathMigration => typeof(DiecastDbContext).Assembly.GetTypes()
        .Select(t => t.GetCustomAttributes(typeof(MigrationAttribute), false).OfType<MigrationAttribute>().FirstOrDefault()?.Id)
        .Single(id => id is not null && id.EndsWith("_MoneyPathModel", StringComparison.Ordinal))!;
}
