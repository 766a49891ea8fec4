namespace Diecast.Api.IntegrationTests.Infrastructure;

public static class TestOrders
{
    /// <summary>
    /// A new order, a copy of the first seeded one put in the overall <paramref name="status"/> (as the schema spells it,
    /// through the payment and fulfilment statuses that make it), so a test starts where it says; returns its global ID and its number.
    /// </summary>
    public static async Task<(string Id, string Number)> InsertAsync(string connectionString, string status)
    {
        var (payment, fulfilment) = status switch
        {
            "PENDING_PAYMENT" => ("awaiting_payment", "unfulfilled"),
            "PAID" => ("paid", "unfulfilled"),
            "FULFILLING" or "SHIPPED" or "DELIVERED" => ("paid", status.ToLowerInvariant()),
            "CANCELLED" => ("voided", "unfulfilled"),
            "REFUNDED" => ("refunded", "unfulfilled"),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an OrderStatus value."),
        };
        var number = "T-" + Guid.NewGuid().ToString("N")[..12];
        var id = await TestSql.ScalarAsync<int>(connectionString, $"""
            INSERT INTO orders (number, customer_name, customer_email, customer_phone, shipping_address_line1, shipping_address_line2, shipping_address_city, shipping_address_state, shipping_address_postal_code, shipping_address_country, payment_status, fulfilment_status, subtotal, shipping_fee, total)
            SELECT '{number}', customer_name, customer_email, customer_phone, shipping_address_line1, shipping_address_line2, shipping_address_city, shipping_address_state, shipping_address_postal_code, shipping_address_country, '{payment}', '{fulfilment}', subtotal, shipping_fee, total
            FROM orders ORDER BY id LIMIT 1
            RETURNING id
            """);
        return (Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Order:{id}")), number);
    }

    /// <summary>The order's version (Order.version: its row version) as an admin's screen would have read it.</summary>
    public static async Task<long> VersionAsync(string connectionString, string globalId)
    {
        var id = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(globalId))["Order:".Length..];
        return await TestSql.ScalarAsync<long>(connectionString, $"SELECT xmin::text::bigint FROM orders WHERE id = {id}");
    }
}
