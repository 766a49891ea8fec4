using System.Text;
using Microsoft.AspNetCore.Hosting;

namespace Diecast.Api.IntegrationTests.Payments;

/// <summary>POST /api/webhooks/razorpay: only Razorpay's signed events are stored, each once, and nothing else is touched.</summary>
public sealed class RazorpayWebhookEndpointTests(PaymentsApiFactory api) : IClassFixture<PaymentsApiFactory>
{
    [Fact]
    public async Task A_signed_event_is_stored_once_and_acknowledged_before_it_is_processed()
    {
        using var client = api.CreateClient();
        var order = await PaymentTestData.CreateOrderAsync(api.ConnectionString);
        var eventId = PaymentTestData.NewEventId();
        var body = PaymentTestData.PaymentEvent("payment.captured", PaymentTestData.NewPaymentId(), order.RazorpayOrderId, order.TotalPaise, "captured");

        using var response = await client.PostWebhookAsync(body, eventId: eventId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT payload FROM razorpay_webhook_events WHERE event_id = '{eventId}' AND processed_at IS NULL AND event = 'payment.captured'"));
        // Stored, not applied: the worker does that after the acknowledgement.
        Assert.Equal("awaiting_payment", await PaymentStatusAsync(order));
    }

    [Fact]
    public async Task A_replayed_event_is_acknowledged_and_stored_once()
    {
        using var client = api.CreateClient();
        var eventId = PaymentTestData.NewEventId();
        var body = PaymentTestData.PaymentEvent("payment.failed", PaymentTestData.NewPaymentId(), "order_unknown", 100, "failed", errorCode: "BAD_REQUEST_ERROR");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostWebhookAsync(body, eventId: eventId);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1L, await CountAsync(eventId));
    }

    [Fact]
    public async Task The_previous_webhook_secret_still_verifies_during_a_rotation()
    {
        using var client = api.CreateClient();
        var eventId = PaymentTestData.NewEventId();

        using var response = await client.PostWebhookAsync(PaymentTestData.PaymentEvent("payment.authorized", PaymentTestData.NewPaymentId(), "order_x", 100, "authorized"),
            PaymentTestData.PreviousWebhookSecret, eventId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1L, await CountAsync(eventId));
    }

    public static TheoryData<string> Refusals() => ["tampered", "key secret", "other secret", "no signature", "no event id", "malformed json", "not an event"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_request_that_is_not_a_signed_Razorpay_event_gets_400_and_stores_nothing(string kind)
    {
        using var client = api.CreateClient();
        var eventId = PaymentTestData.NewEventId();
        var body = PaymentTestData.PaymentEvent("payment.captured", PaymentTestData.NewPaymentId(), "order_x", 100, "captured");
        var before = await TotalAsync();

        using var response = kind switch
        {
            // Signed, then one digit of the amount changed: the signature is over the raw bytes.
            "tampered" => await SendTamperedAsync(client, body, eventId),
            // The API key secret signs checkout callbacks, never webhooks (razorpay.md §8, razorpay-node #380).
            "key secret" => await client.PostWebhookAsync(body, PaymentTestData.KeySecret, eventId),
            "other secret" => await client.PostWebhookAsync(body, "not-our-secret", eventId),
            "no signature" => await client.PostWebhookAsync(body, secret: null, eventId),
            "no event id" => await client.PostWebhookAsync(body, eventId: ""),
            "malformed json" => await client.PostWebhookAsync("{\"event\":\"payment.captured\",", eventId: eventId),
            _ => await client.PostWebhookAsync("[1,2,3]", eventId: eventId),
        };

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await TotalAsync());
        var problem = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(PaymentTestData.WebhookSecret, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_gets_415()
    {
        using var client = api.CreateClient();
        var before = await TotalAsync();

        using var response = await client.PostWebhookAsync("event=payment.captured", eventId: PaymentTestData.NewEventId(), contentType: "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, await TotalAsync());
    }

    [Fact]
    public async Task An_oversized_body_gets_413_before_its_signature_is_computed()
    {
        using var client = api.CreateClient();
        var before = await TotalAsync();
        var body = "{\"event\":\"payment.captured\",\"padding\":\"" + new string('x', 300 * 1024) + "\"}";

        using var response = await client.PostWebhookAsync(body, eventId: PaymentTestData.NewEventId());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await TotalAsync());
    }

    [Fact]
    public async Task A_body_in_UTF8_with_Indian_scripts_verifies_and_is_stored_byte_for_byte()
    {
        using var client = api.CreateClient();
        var eventId = PaymentTestData.NewEventId();
        // razorpay-dot-net #156: an ASCII-encoded HMAC refuses such bodies.
        var body = PaymentTestData.PaymentEvent("payment.authorized", PaymentTestData.NewPaymentId(), "order_x", 100, "authorized")
            .Replace("Diecast order", "₹ आशा के लिए — தமிழ்", StringComparison.Ordinal);

        using var response = await client.PostWebhookAsync(body, eventId: eventId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT payload FROM razorpay_webhook_events WHERE event_id = '{eventId}'"));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_event_are_all_acknowledged_and_stored_once()
    {
        using var client = api.CreateClient();
        var eventId = PaymentTestData.NewEventId();
        var body = PaymentTestData.PaymentEvent("payment.authorized", PaymentTestData.NewPaymentId(), "order_y", 100, "authorized");

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.PostWebhookAsync(body, eventId: eventId)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1L, await CountAsync(eventId));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_verified_event_the_database_cannot_store_gets_503_so_Razorpay_retries_it()
    {
        await using var unreachable = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Jwt:SigningKey", ApiFactory.TestSigningKey);
            foreach (var (name, value) in ApiFactory.TestRazorpaySettings)
            {
                builder.UseSetting(name, value);
            }

            builder.UseSetting("Razorpay:WebhookSecret", PaymentTestData.WebhookSecret);
            builder.UseSetting("ConnectionStrings:Diecast", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");
        });
        using var client = unreachable.CreateClient();

        using var response = await client.PostWebhookAsync(PaymentTestData.PaymentEvent("payment.captured", PaymentTestData.NewPaymentId(), "order_x", 100, "captured"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
    }

    private static async Task<HttpResponseMessage> SendTamperedAsync(HttpClient client, string body, string eventId)
    {
        var signature = Diecast.Api.Payments.Razorpay.RazorpaySignatures.Sign(Encoding.UTF8.GetBytes(body), PaymentTestData.WebhookSecret);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/razorpay")
        {
            Content = new StringContent(body.Replace("\"amount\":100", "\"amount\":900", StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Razorpay-Signature", signature);
        request.Headers.Add("X-Razorpay-Event-Id", eventId);
        return await client.SendAsync(request);
    }

    private Task<long> CountAsync(string eventId) =>
        TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM razorpay_webhook_events WHERE event_id = '{eventId}'");

    private Task<long> TotalAsync() => TestSql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM razorpay_webhook_events");

    private Task<string> PaymentStatusAsync(PaidOrderSetup order) =>
        TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT payment_status::text FROM orders WHERE id = {order.OrderId}");
}
