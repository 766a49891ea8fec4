namespace Diecast.Api.IntegrationTests.Infrastructure;

public static class TestOrders
{
    /// <summary>
    /// A new order, a copy of the first seeded one put in <paramref name="status"/> (as the schema spells it), so a
    /// test starts where it says; returns its global ID and its number.
    /// </summary>
    public static async Task<(string Id, string Number)> InsertAsync(string connectionString, string status)
    {
        var number = "T-" + Guid.NewGuid().ToString("N")[..12];
        var id = await TestSql.ScalarAsync<int>(connectionString, $"""
            INSERT INTO orders (number, customer_name, customer_email, customer_phone, shipping_address_line1, shipping_address_line2, shipping_address_city, shipping_address_state, shipping_address_postal_code, shipping_address_country, status, subtotal, shipping_fee, total)
            SELECT '{number}', customer_name, customer_email, customer_phone, shipping_address_line1, shipping_address_line2, shipping_address_city, shipping_address_state, shipping_address_postal_code, shipping_address_country, '{status.ToLowerInvariant()}', subtotal, shipping_fee, total
            FROM orders ORDER BY id LIMIT 1
            RETURNING id
            """);
        return (Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Order:{id}")), number);
    }
}
