namespace Diecast.Api.IntegrationTests.Orders;

/// <summary>
/// <c>orders(where:)</c> through the list of items and on to each item's product, checked against SQL over the
/// same database.
/// </summary>
public sealed class OrderFilteringTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string ItemsWithProducts = "SELECT 1 FROM order_items i JOIN products p ON p.id = i.product_id WHERE i.order_id = o.id";

    private readonly FilterComparison _orders = new(api, "orders", "number", "orders o") { CreateClient = () => api.CreateAdminClient() };

    [Fact]
    public Task Items_some_finds_orders_with_at_least_one_matching_item() =>
        _orders.AssertSelectsAsync(
            "{ items: { some: { product: { genre: { eq: RALLY } } } } }",
            $"EXISTS ({ItemsWithProducts} AND p.genre = 'rally')");

    [Fact]
    public Task Items_all_finds_orders_whose_every_item_matches() =>
        _orders.AssertSelectsAsync(
            "{ items: { all: { product: { genre: { eq: RALLY } } } } }",
            $"NOT EXISTS ({ItemsWithProducts} AND p.genre <> 'rally')");

    [Fact]
    public Task Items_none_finds_orders_without_a_matching_item() =>
        _orders.AssertSelectsAsync(
            "{ items: { none: { product: { genre: { eq: RALLY } } } } }",
            $"NOT EXISTS ({ItemsWithProducts} AND p.genre = 'rally')");

    [Fact]
    public async Task Items_any_tells_orders_with_items_from_those_without()
    {
        Assert.Equal(await _orders.WhereAsync("EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)"), await _orders.FromGraphQLAsync("{ items: { any: true } }"));
        Assert.Equal(await _orders.WhereAsync("NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)"), await _orders.FromGraphQLAsync("{ items: { any: false } }"));
    }

    [Fact]
    public Task One_item_must_meet_every_condition_inside_some() =>
        _orders.AssertSelectsAsync(
            "{ items: { some: { quantity: { gte: 2 }, product: { genre: { eq: JDM } } } } }",
            $"EXISTS ({ItemsWithProducts} AND i.quantity >= 2 AND p.genre = 'jdm')");

    [Fact]
    public Task Two_somes_may_be_met_by_different_items() =>
        _orders.AssertSelectsAsync(
            "{ and: [{ items: { some: { quantity: { gte: 2 } } } }, { items: { some: { product: { genre: { eq: JDM } } } } }] }",
            $"EXISTS ({ItemsWithProducts} AND i.quantity >= 2) AND EXISTS ({ItemsWithProducts} AND p.genre = 'jdm')");

    [Fact]
    public Task Item_fields_and_product_fields_filter_together() =>
        _orders.AssertSelectsAsync(
            """{ items: { some: { productName: { contains: "SKYLINE" }, product: { scale: { eq: "1:64" } } } } }""",
            $"EXISTS ({ItemsWithProducts} AND i.product_name ILIKE '%skyline%' AND p.scale = '1:64')");

    [Fact]
    public Task Product_brand_in_reaches_through_the_items() =>
        _orders.AssertSelectsAsync(
            """{ items: { some: { product: { brand: { in: ["Ixo", "Kyosho"] } } } } }""",
            $"EXISTS ({ItemsWithProducts} AND p.brand IN ('Ixo', 'Kyosho'))");

    [Theory]
    [InlineData("status: { eq: SHIPPED }", "status = 'shipped'")]
    [InlineData("status: { neq: DELIVERED }", "status <> 'delivered'")]
    [InlineData("status: { in: [PAID, PENDING_PAYMENT] }", "status IN ('paid', 'pending_payment')")]
    [InlineData("status: { nin: [DELIVERED, SHIPPED, CANCELLED] }", "status NOT IN ('delivered', 'shipped', 'cancelled')")]
    public Task Status_operations_match_SQL(string filter, string sqlCondition) =>
        _orders.AssertSelectsAsync($$"""{ {{filter}} }""", sqlCondition);

    [Theory]
    [InlineData("paymentStatus: { eq: PAID }", "payment_status = 'paid'")]
    [InlineData("paymentStatus: { in: [REFUNDED, VOIDED] }", "payment_status IN ('refunded', 'voided')")]
    [InlineData("fulfilmentStatus: { neq: UNFULFILLED }", "fulfilment_status <> 'unfulfilled'")]
    [InlineData("paymentStatus: { eq: PAID }, fulfilmentStatus: { eq: UNFULFILLED }", "payment_status = 'paid' AND fulfilment_status = 'unfulfilled'")]
    [InlineData("needsAttention: { eq: false }", "NOT needs_attention")]
    public async Task Payment_and_fulfilment_operations_match_SQL(string filter, string sqlCondition)
    {
        // The demo shop has no order that needs attention; flag one, so the filter has both kinds to tell apart.
        await TestSql.ExecuteAsync(api.ConnectionString, "UPDATE orders SET needs_attention = true WHERE id = (SELECT min(id) FROM orders WHERE payment_status = 'paid')");

        await _orders.AssertSelectsAsync($$"""{ {{filter}} }""", sqlCondition);
    }

    [Fact]
    public async Task Number_eq_finds_that_one_order()
    {
        var number = await ScalarAsync<string>("SELECT number FROM orders ORDER BY id OFFSET 3 LIMIT 1");

        Assert.Equal([number], await _orders.FromGraphQLAsync($$"""{ number: { eq: "{{number}}" } }"""));
        Assert.Empty(await _orders.FromGraphQLAsync("""{ number: { eq: "DC-0" } }"""));
    }

    [Fact]
    public Task Total_comparisons_match_SQL() =>
        _orders.AssertSelectsAsync("{ total: { gte: 5000, lt: 30000 } }", "total >= 5000 AND total < 30000");

    [Fact]
    public Task Status_and_items_combine() =>
        _orders.AssertSelectsAsync(
            "{ or: [{ status: { eq: PAID } }, { items: { some: { product: { genre: { in: [RALLY, RACING] } } } } }] }",
            $"status = 'paid' OR EXISTS ({ItemsWithProducts} AND p.genre IN ('rally', 'racing'))");

    private Task<T> ScalarAsync<T>(string sql) => TestSql.ScalarAsync<T>(api.ConnectionString, sql);
}
