namespace Diecast.Api.IntegrationTests.Payments;

/// <summary>Several API instances on one database: an event delivered to two of them has one effect, and an event stored by an instance that died is processed by the next.</summary>
public sealed class WebhookAcrossInstancesTests
{
    [Fact]
    public async Task One_event_delivered_concurrently_to_two_instances_has_one_effect()
    {
        await using var first = new PaymentsApiFactory();
        await first.InitializeAsync();
        await using var second = new PaymentsApiFactory();
        await second.UseDatabaseAsync(first.ConnectionString);
        using var one = first.CreateClient();
        using var two = second.CreateClient();
        var order = await PaymentTestData.CreateOrderAsync(first.ConnectionString);
        var eventId = PaymentTestData.NewEventId();
        var body = PaymentTestData.PaymentEvent("payment.captured", PaymentTestData.NewPaymentId(), order.RazorpayOrderId, order.TotalPaise, "captured");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? one : two).PostWebhookAsync(body, eventId: eventId)));
        // Both instances' workers race for it.
        var processed = await Task.WhenAll(first.ProcessWebhooksAsync(), second.ProcessWebhooksAsync(), first.ProcessWebhooksAsync(), second.ProcessWebhooksAsync());

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, processed.Sum());
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(first.ConnectionString, $"SELECT count(*) FROM razorpay_webhook_events WHERE event_id = '{eventId}'"));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(first.ConnectionString, $"SELECT count(*) FROM order_events WHERE order_id = {order.OrderId} AND kind = 'PaymentCaptured'"));
        Assert.Equal("paid", await TestSql.ScalarAsync<string>(first.ConnectionString, $"SELECT payment_status::text FROM orders WHERE id = {order.OrderId}"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task An_event_stored_by_an_instance_that_is_killed_before_processing_it_is_processed_once_after_restart()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        var order = await PaymentTestData.CreateOrderAsync(connectionString);
        var eventId = PaymentTestData.NewEventId();
        var body = PaymentTestData.PaymentEvent("payment.captured", PaymentTestData.NewPaymentId(), order.RazorpayOrderId, order.TotalPaise, "captured");

        // The first instance stores and acknowledges, and never processes (its worker is off): the crash window, held open.
        await using (var doomed = await ApiProcess.StartAsync(Settings(workerEnabled: false), connectionString))
        {
            using var response = await doomed.Client.PostWebhookAsync(body, eventId: eventId);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // DisposeAsync killed it (SIGKILL, no graceful stop); the event is stored and unprocessed.
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(connectionString, $"SELECT count(*) FROM razorpay_webhook_events WHERE event_id = '{eventId}' AND processed_at IS NULL"));
        Assert.Equal("awaiting_payment", await TestSql.ScalarAsync<string>(connectionString, $"SELECT payment_status::text FROM orders WHERE id = {order.OrderId}"));

        await using var restarted = await ApiProcess.StartAsync(Settings(workerEnabled: true), connectionString);
        await restarted.WaitForOutputAsync($"Razorpay webhook {eventId} (payment.captured): applied", TimeSpan.FromMinutes(1));
        // Razorpay retries the same event after the crash: acknowledged, no second effect.
        using (var retry = await restarted.Client.PostWebhookAsync(body, eventId: eventId))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        Assert.Equal("paid", await TestSql.ScalarAsync<string>(connectionString, $"SELECT payment_status::text FROM orders WHERE id = {order.OrderId}"));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(connectionString, $"SELECT count(*) FROM order_events WHERE order_id = {order.OrderId} AND kind = 'PaymentCaptured'"));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(connectionString, $"SELECT count(*) FROM razorpay_webhook_events WHERE event_id = '{eventId}' AND processed_at IS NOT NULL AND attempts = 1"));
    }

    private static Dictionary<string, string> Settings(bool workerEnabled) => new()
    {
        ["Razorpay__KeyId"] = PaymentTestData.KeyId,
        ["Razorpay__KeySecret"] = PaymentTestData.KeySecret,
        ["Razorpay__WebhookSecret"] = PaymentTestData.WebhookSecret,
        ["Razorpay__BaseUrl"] = "http://127.0.0.1:9/",
        ["Payments__WebhookWorkerEnabled"] = workerEnabled ? "true" : "false",
        ["Payments__ReconciliationEnabled"] = "false",
        ["Logging__LogLevel__Diecast.Api.Payments"] = "Information",
    };
}
