using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Diecast.Api.Payments.Razorpay;

namespace Diecast.Api.IntegrationTests.Payments;

/// <summary>An order waiting for payment, as checkout leaves it: stock held, a Razorpay order id stored.</summary>
public sealed record PaidOrderSetup(int OrderId, string Number, string RazorpayOrderId, int ProductId, int Quantity, decimal Total)
{
    public string GlobalId => Convert.ToBase64String(Encoding.UTF8.GetBytes($"Order:{OrderId}"));

    /// <summary>The total in paise, as Razorpay's payloads carry amounts.</summary>
    public long TotalPaise => (long)(Total * 100);
}

/// <summary>Set-up rows and signed Razorpay webhooks for the payment tests.</summary>
public static class PaymentTestData
{
    public const string KeyId = "rzp_test_payments";
    public const string KeySecret = "key-secret-for-tests-0123456789";
    public const string WebhookSecret = "webhook-secret-for-tests-abcdef";
    public const string PreviousWebhookSecret = "previous-webhook-secret-for-tests";

    /// <summary>
    /// A new in-stock product (<paramref name="stock"/> units left after this order's hold) and an order of
    /// <paramref name="quantity"/> of it at ₹1,249.50 each plus ₹50 shipping, holding its stock, with a Razorpay order id.
    /// <paramref name="paymentStatus"/> and <paramref name="reservationStatus"/> as PostgreSQL spells them.
    /// </summary>
    public static async Task<PaidOrderSetup> CreateOrderAsync(
        string connectionString, int stock = 5, int quantity = 2, string paymentStatus = "awaiting_payment", string reservationStatus = "held", bool cancelled = false,
        string? razorpayOrderId = null)
    {
        var slug = "pay-test-" + Guid.NewGuid().ToString("N")[..12];
        var productId = await TestSql.ScalarAsync<int>(connectionString, $"""
            INSERT INTO products (slug, name, brand, make, model, year, scale, genre, status, description, price, stock_quantity, images, is_featured)
            SELECT '{slug}', 'Payment Test Car', brand, make, model, year, scale, genre, 'available', description, 1249.50, {stock}, images, false
            FROM products ORDER BY id LIMIT 1
            RETURNING id
            """);
        var number = "P-" + Guid.NewGuid().ToString("N")[..12];
        razorpayOrderId ??= "order_" + Guid.NewGuid().ToString("N")[..14];
        var subtotal = 1249.50m * quantity;
        var total = subtotal + 50m;
        var orderId = await TestSql.ScalarAsync<int>(connectionString, $"""
            INSERT INTO orders (number, customer_name, customer_email, customer_phone, shipping_address_line1, shipping_address_line2, shipping_address_city,
                                shipping_address_state, shipping_address_postal_code, shipping_address_country, subtotal, shipping_fee, total, razorpay_order_id,
                                payment_status, fulfilment_status, reservation_status, hold_expires_at, cancelled_at, created_at, updated_at)
            SELECT '{number}', customer_name, customer_email, customer_phone, shipping_address_line1, shipping_address_line2, shipping_address_city,
                   shipping_address_state, shipping_address_postal_code, shipping_address_country,
                   {Sql(subtotal)}, 50, {Sql(total)}, '{razorpayOrderId}', '{paymentStatus}', 'unfulfilled', '{reservationStatus}',
                   now() + interval '30 minutes', {(cancelled ? "now()" : "NULL")}, now() - interval '1 hour', now() - interval '1 hour'
            FROM orders ORDER BY id LIMIT 1
            RETURNING id
            """);
        await TestSql.ExecuteAsync(connectionString, $"""
            INSERT INTO order_items (order_id, product_id, product_name, unit_price, quantity) VALUES ({orderId}, {productId}, 'Payment Test Car', 1249.50, {quantity})
            """);
        if (reservationStatus == "held")
        {
            // What checkout's reservation leaves: the movement OrderStock reads to know what the order holds.
            await TestSql.ExecuteAsync(connectionString, $"""
                INSERT INTO stock_movements (product_id, order_id, kind, delta, stock_after, reason, actor, occurred_at)
                VALUES ({productId}, {orderId}, 'Reservation', {-quantity}, {stock}, 'Held for order {number}.', 'checkout', now())
                """);
        }

        return new PaidOrderSetup(orderId, number, razorpayOrderId, productId, quantity, total);
    }

    /// <summary>The order's total: 2 × ₹1,249.50 + ₹50 shipping, as <see cref="CreateOrderAsync"/> makes it.</summary>
    public static decimal TotalOf(int quantity) => (1249.50m * quantity) + 50m;

    /// <summary>A payment.* or order.paid event for Razorpay order <paramref name="razorpayOrderId"/>, as Razorpay sends it (razorpay.md §4), amounts in paise.</summary>
    public static string PaymentEvent(string eventName, string paymentId, string? razorpayOrderId, long amountPaise, string status, string currency = "INR", string? errorCode = null)
    {
        var payment = $$"""
            {"id":"{{paymentId}}","entity":"payment","amount":{{amountPaise}},"currency":"{{currency}}","status":"{{status}}","order_id":{{(razorpayOrderId is null ? "null" : $"\"{razorpayOrderId}\"")}},"invoice_id":null,"international":false,"method":"upi","amount_refunded":0,"refund_status":null,"captured":{{(status == "captured" ? "true" : "false")}},"description":"Diecast order","card_id":null,"bank":null,"wallet":null,"vpa":"buyer@upi","email":"asha@example.com","contact":"+919876543210","notes":[],"fee":null,"tax":null,"error_code":{{(errorCode is null ? "null" : $"\"{errorCode}\"")}},"error_description":{{(errorCode is null ? "null" : "\"Payment failed\"")}},"created_at":1764500000}
            """;
        var contains = eventName == "order.paid" ? "[\"payment\",\"order\"]" : "[\"payment\"]";
        var orderEntity = eventName == "order.paid"
            ? $$$""","order":{"entity":{"id":"{{{razorpayOrderId}}}","entity":"order","amount":{{{amountPaise}}},"amount_paid":{{{amountPaise}}},"amount_due":0,"currency":"{{{currency}}}","receipt":"r","offer_id":null,"status":"paid","attempts":1,"notes":[],"created_at":1764500000}}"""
            : "";
        return $$"""{"entity":"event","account_id":"acc_test","event":"{{eventName}}","contains":{{contains}},"payload":{"payment":{"entity":{{payment}}}{{orderEntity}}},"created_at":1764500001}""";
    }

    /// <summary>A refund.* event.</summary>
    public static string RefundEvent(string eventName, string refundId, string paymentId, long amountPaise, string status, string? ourRefundId = null)
    {
        var notes = ourRefundId is null ? "[]" : $$"""{"diecast_refund_id":"{{ourRefundId}}"}""";
        return $$$$"""{"entity":"event","account_id":"acc_test","event":"{{{{eventName}}}}","contains":["refund","payment"],"payload":{"refund":{"entity":{"id":"{{{{refundId}}}}","entity":"refund","amount":{{{{amountPaise}}}},"currency":"INR","payment_id":"{{{{paymentId}}}}","notes":{{{{notes}}}},"receipt":null,"acquirer_data":{"arn":null},"created_at":1764500100,"batch_id":null,"status":"{{{{status}}}}","speed_processed":"normal","speed_requested":"normal"}},"payment":{"entity":{"id":"{{{{paymentId}}}}","entity":"payment","amount":{{{{amountPaise}}}},"currency":"INR","status":"captured","order_id":null,"method":"upi","notes":[],"created_at":1764500000}}},"created_at":1764500101}""";
    }

    /// <summary>POSTs <paramref name="body"/> to the webhook endpoint signed with <paramref name="secret"/> (null: unsigned).</summary>
    public static async Task<HttpResponseMessage> PostWebhookAsync(this HttpClient client, string body, string? secret = WebhookSecret, string? eventId = null, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/razorpay") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (secret is not null)
        {
            request.Headers.Add("X-Razorpay-Signature", RazorpaySignatures.Sign(bytes, secret));
        }

        if (eventId != "")
        {
            request.Headers.Add("X-Razorpay-Event-Id", eventId ?? NewEventId());
        }

        return await client.SendAsync(request);
    }

    public static string NewEventId() => "evt_" + Guid.NewGuid().ToString("N")[..14];

    public static string NewPaymentId() => "pay_" + Guid.NewGuid().ToString("N")[..14];

    private static string Sql(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
