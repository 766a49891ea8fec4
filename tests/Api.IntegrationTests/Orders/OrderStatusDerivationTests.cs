using Diecast.Api.Orders;
using Npgsql.NameTranslation;

namespace Diecast.Api.IntegrationTests.Orders;

/// <summary>
/// The overall status is PostgreSQL's generated column; OrderStatuses.Overall is the same rule in C#. Both agree on
/// every combination of payment status, fulfilment status and cancellation.
/// </summary>
public sealed class OrderStatusDerivationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly NpgsqlSnakeCaseNameTranslator Names = new();

    [Fact]
    public async Task The_generated_column_and_the_csharp_rule_agree_on_every_combination()
    {
        var combinations = (
            from payment in Enum.GetValues<PaymentStatus>()
            from fulfilment in Enum.GetValues<FulfilmentStatus>()
            from cancelled in new[] { false, true }
            select (payment, fulfilment, cancelled)).ToList();
        var tag = "derive-" + Guid.NewGuid().ToString("N")[..8];
        var rows = string.Join(",\n", combinations.Select((c, i) =>
            $"('{tag}-{i}', '{Names.TranslateMemberName(c.payment.ToString())}', '{Names.TranslateMemberName(c.fulfilment.ToString())}', {(c.cancelled ? "now()" : "NULL")})"));
        await TestSql.ExecuteAsync(api.ConnectionString, $"""
            INSERT INTO orders (number, customer_name, customer_email, customer_phone, shipping_address_line1, shipping_address_city,
                                shipping_address_state, shipping_address_postal_code, shipping_address_country, subtotal, shipping_fee, total,
                                payment_status, fulfilment_status, cancelled_at)
            SELECT v.number, 'Derivation', 'derive@example.com', '+91 9800000000', '1 MG Road', 'Pune', 'Maharashtra', '411001', 'IN', 100, 0, 100,
                   v.payment::payment_status, v.fulfilment::fulfilment_status, v.cancelled_at
            FROM (VALUES {rows}) AS v(number, payment, fulfilment, cancelled_at)
            """);

        var stored = await TestSql.StringsAsync(api.ConnectionString, $"SELECT number || '=' || status::text FROM orders WHERE number LIKE '{tag}-%'");
        var byNumber = stored.Select(s => s.Split('=')).ToDictionary(p => p[0], p => p[1]);

        Assert.Equal(combinations.Count, byNumber.Count);
        for (var i = 0; i < combinations.Count; i++)
        {
            var (payment, fulfilment, cancelled) = combinations[i];
            var expected = OrderStatuses.Overall(payment, fulfilment, cancelled ? DateTime.UtcNow : null);
            Assert.True(
                Names.TranslateMemberName(expected.ToString()) == byNumber[$"{tag}-{i}"],
                $"{payment}/{fulfilment}/{(cancelled ? "cancelled" : "not cancelled")}: C# says {expected}, PostgreSQL says {byNumber[$"{tag}-{i}"]}");
        }
    }

    [Theory]
    [InlineData(PaymentStatus.Refunded, FulfilmentStatus.Delivered, false, OrderStatus.Refunded)]
    [InlineData(PaymentStatus.Voided, FulfilmentStatus.Unfulfilled, false, OrderStatus.Cancelled)]
    [InlineData(PaymentStatus.Expired, FulfilmentStatus.Unfulfilled, false, OrderStatus.Cancelled)]
    [InlineData(PaymentStatus.AwaitingPayment, FulfilmentStatus.Unfulfilled, true, OrderStatus.Cancelled)]
    [InlineData(PaymentStatus.Authorized, FulfilmentStatus.Unfulfilled, false, OrderStatus.PendingPayment)]
    [InlineData(PaymentStatus.Failed, FulfilmentStatus.Unfulfilled, false, OrderStatus.PendingPayment)]
    [InlineData(PaymentStatus.PartiallyRefunded, FulfilmentStatus.Shipped, false, OrderStatus.Shipped)]
    [InlineData(PaymentStatus.Paid, FulfilmentStatus.Unfulfilled, false, OrderStatus.Paid)]
    [InlineData(PaymentStatus.Paid, FulfilmentStatus.Fulfilling, false, OrderStatus.Fulfilling)]
    public void The_rule_is_the_one_the_readme_tables(PaymentStatus payment, FulfilmentStatus fulfilment, bool cancelled, OrderStatus expected) =>
        Assert.Equal(expected, OrderStatuses.Overall(payment, fulfilment, cancelled ? DateTime.UtcNow : null));
}
