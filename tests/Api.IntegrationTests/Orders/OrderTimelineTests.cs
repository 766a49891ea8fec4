namespace Diecast.Api.IntegrationTests.Orders;

/// <summary>Order.timeline: batched with the page, oldest first, and the demo shop's orders tell their story.</summary>
public sealed class OrderTimelineTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_page_of_orders_with_items_and_timelines_costs_one_statement_per_list()
    {
        using var admin = api.CreateAdminClient();
        api.Sql.Clear();

        var orders = (await admin.QueryDataAsync("{ orders(first: 50) { nodes { number items { quantity } timeline { kind occurredAt } } } }"))
            .GetProperty("orders").GetProperty("nodes").EnumerateArray().ToList();

        Assert.NotEmpty(orders);
        // The page, its items, its timelines: one statement each, however many orders.
        Assert.True(api.Sql.Statements.Count <= 3, $"{api.Sql.Statements.Count} statements:\n{string.Join("\n---\n", api.Sql.Statements)}");
        Assert.All(orders, o => Assert.NotEqual(0, o.GetProperty("timeline").GetArrayLength()));
    }

    [Fact]
    public async Task Every_demo_order_starts_with_its_placing_and_its_timeline_runs_oldest_first_to_its_statuses()
    {
        using var admin = api.CreateAdminClient();

        var orders = (await admin.QueryDataAsync("""
            { orders(first: 50, where: { number: { startsWith: "DC-" } }) { nodes { number status paymentStatus fulfilmentStatus cancelledAt amountPaid amountRefunded total
                timeline { kind actor actorName message occurredAt } } } }
            """)).GetProperty("orders").GetProperty("nodes").EnumerateArray().ToList();

        Assert.NotEmpty(orders);
        foreach (var order in orders)
        {
            var events = order.GetProperty("timeline").EnumerateArray().ToList();
            Assert.Equal("PLACED", events[0].GetProperty("kind").GetString());
            var times = events.Select(e => e.GetProperty("occurredAt").GetDateTimeOffset()).ToList();
            Assert.Equal(times.Order(), times);
            var kinds = events.Select(e => e.GetProperty("kind").GetString()).ToList();
            var payment = order.GetProperty("paymentStatus").GetString();
            Assert.Equal(payment is "PAID" or "REFUNDED", kinds.Contains("PAYMENT_CAPTURED"));
            Assert.Equal(payment == "REFUNDED", kinds.Contains("REFUND_PROCESSED"));
            Assert.Equal(order.GetProperty("cancelledAt").ValueKind != JsonValueKind.Null, kinds.Contains("CANCELLED"));
            Assert.Equal(
                order.GetProperty("fulfilmentStatus").GetString() switch { "FULFILLING" => 1, "SHIPPED" => 2, "DELIVERED" => 3, _ => 0 },
                kinds.Count(k => k == "FULFILMENT_CHANGED"));
            Assert.All(events.Where(e => e.GetProperty("actor").GetString() == "ADMIN"), e => Assert.Equal(JsonValueKind.String, e.GetProperty("actorName").ValueKind));
            Assert.Equal(payment is "PAID" or "REFUNDED" ? order.GetProperty("total").GetDecimal() : 0m, order.GetProperty("amountPaid").GetDecimal());
        }

        Assert.Contains(orders, o => o.GetProperty("status").GetString() == "CANCELLED");
        Assert.Contains(orders, o => o.GetProperty("status").GetString() == "REFUNDED" && o.GetProperty("fulfilmentStatus").GetString() == "DELIVERED");
    }
}
