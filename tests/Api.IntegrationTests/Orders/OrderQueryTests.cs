namespace Diecast.Api.IntegrationTests.Orders;

public sealed class OrderQueryTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_page_of_fifty_orders_with_items_and_products_costs_three_statements()
    {
        // Enough orders for a full page, each with two items of different products.
        await ExecuteAsync("""
            INSERT INTO orders (customer_name, customer_email, customer_phone, shipping_address_line1, shipping_address_city,
                                shipping_address_state, shipping_address_postal_code, shipping_address_country, payment_status, subtotal, shipping_fee, total)
            SELECT 'Customer ' || n, 'c' || n || '@example.com', '+91 9800000000', '1 MG Road', 'Pune', 'Maharashtra', '411001', 'IN',
                   'paid', 0, 0, 0
            FROM generate_series(1, 60) AS n;
            INSERT INTO order_items (order_id, product_id, product_name, unit_price, quantity)
            SELECT o.id, p.id, p.name, p.price, 1
            FROM orders o CROSS JOIN LATERAL (SELECT id, name, price FROM products WHERE id IN (1 + o.id % 70, 2 + o.id % 70)) p
            WHERE o.customer_name LIKE 'Customer %';
            UPDATE orders o SET subtotal = s.sum, total = s.sum
            FROM (SELECT order_id, sum(unit_price * quantity) AS sum FROM order_items GROUP BY order_id) s
            WHERE s.order_id = o.id AND o.customer_name LIKE 'Customer %';
            """);
        using var client = api.CreateAdminClient();
        api.Sql.Clear();

        var data = await client.QueryDataAsync("""
            { orders(first: 50) { nodes { number total items { quantity unitPrice lineTotal product { name price genre } } } } }
            """);
        var orders = data.GetProperty("orders").GetProperty("nodes").EnumerateArray().ToList();

        Assert.Equal(50, orders.Count);
        Assert.All(orders, o => Assert.NotEqual(0, o.GetProperty("items").GetArrayLength()));
        Assert.All(orders.SelectMany(o => o.GetProperty("items").EnumerateArray()), i => Assert.NotEqual(JsonValueKind.Null, i.GetProperty("product").GetProperty("name").ValueKind));
        Assert.True(api.Sql.Statements.Count <= 3, $"{api.Sql.Statements.Count} statements:\n{string.Join("\n---\n", api.Sql.Statements)}");
    }

    [Fact]
    public async Task Item_lines_keep_the_price_paid_and_link_to_the_product_now()
    {
        using var client = api.CreateAdminClient();
        var data = await client.QueryDataAsync("""
            { orders(first: 50, order: [{ number: ASC }]) { nodes { number subtotal shippingFee total items { unitPrice quantity lineTotal productName product { name } } } } }
            """);

        foreach (var order in data.GetProperty("orders").GetProperty("nodes").EnumerateArray())
        {
            var items = order.GetProperty("items").EnumerateArray().ToList();
            Assert.All(items, i => Assert.Equal(i.GetProperty("unitPrice").GetDecimal() * i.GetProperty("quantity").GetInt32(), i.GetProperty("lineTotal").GetDecimal()));
            if (items.Count > 0)
            {
                Assert.Equal(order.GetProperty("subtotal").GetDecimal(), items.Sum(i => i.GetProperty("lineTotal").GetDecimal()));
            }

            Assert.Equal(order.GetProperty("subtotal").GetDecimal() + order.GetProperty("shippingFee").GetDecimal(), order.GetProperty("total").GetDecimal());
        }
    }

    [Fact]
    public async Task Orders_are_nodes()
    {
        using var client = api.CreateAdminClient();
        var first = (await client.QueryDataAsync("{ orders(first: 1) { nodes { id number shippingAddress { city postalCode } } } }"))
            .GetProperty("orders").GetProperty("nodes")[0];

        var node = await client.QueryDataAsync("query($id: ID!) { node(id: $id) { ... on Order { number } } }", new { id = first.GetProperty("id").GetString() });

        Assert.Equal(first.GetProperty("number").GetString(), node.GetProperty("node").GetProperty("number").GetString());
        Assert.Matches("^[0-9]{6}$", first.GetProperty("shippingAddress").GetProperty("postalCode").GetString());
    }

    private Task ExecuteAsync(string sql) => TestSql.ExecuteAsync(api.ConnectionString, sql);
}
