using System.Collections.Concurrent;
using System.Net.Http.Json;
using Diecast.Api.Payments.Razorpay;
using Diecast.Api.Payments.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Diecast.Api.IntegrationTests.Payments;

/// <summary>
/// Without keys in Development the API plays Razorpay (orders over real HTTP to its own simulator routes, a checkout
/// page, signed callbacks and webhooks to its own endpoint); Production refuses to start without keys and never maps it.
/// </summary>
public sealed class PaymentSimulatorTests
{
    private static readonly Dictionary<string, string> NoKeys = new()
    {
        ["Razorpay__KeyId"] = "",
        ["Razorpay__KeySecret"] = "",
        ["Razorpay__WebhookSecret"] = "",
        ["Razorpay__BaseUrl"] = "https://api.razorpay.com/v1/",
    };

    [Fact]
    public async Task Production_without_razorpay_keys_refuses_to_start_and_names_the_settings()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ApiProcess.StartAsync(NoKeys));

        Assert.Contains("Razorpay__KeyId", e.Message, StringComparison.Ordinal);
        Assert.Contains("Razorpay__WebhookSecret", e.Message, StringComparison.Ordinal);
        Assert.Contains("Production", e.Message, StringComparison.Ordinal);
        // One readable list of what to set, not the host's failure with a stack trace.
        Assert.Contains("The Diecast API cannot start; fix its settings", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_without_a_signing_key_or_razorpay_keys_names_every_missing_setting_at_once()
    {
        var settings = new Dictionary<string, string>(NoKeys) { ["Jwt__SigningKey"] = "" };

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ApiProcess.StartAsync(settings));

        Assert.Contains("Jwt__SigningKey", e.Message, StringComparison.Ordinal);
        Assert.Contains("Razorpay__KeyId", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_never_maps_the_simulator()
    {
        await using var api = await ApiProcess.StartAsync();

        using var page = await api.Client.GetAsync(new Uri($"{PaymentSimulatorEndpoints.CheckoutPath}?order_id=order_x", UriKind.Relative));
        using var pay = await api.Client.PostAsJsonAsync(new Uri(PaymentSimulatorEndpoints.PayPath, UriKind.Relative), new { order_id = "order_x", outcome = "captured" });
        using var orders = await api.Client.PostAsJsonAsync(new Uri(RazorpayEndpoint.SimulatorPath + "orders", UriKind.Relative), new { amount = 100, currency = "INR" });
        using var list = await api.Client.GetAsync(new Uri(RazorpayEndpoint.SimulatorPath + "orders", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, pay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, orders.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
    }

    [Fact]
    public async Task Development_without_keys_plays_razorpay_from_order_to_signed_callback_and_webhooks()
    {
        await using var api = new DevelopmentApi();
        await api.InitializeAsync();
        var (_, number) = await TestOrders.InsertAsync(api.ConnectionString, "PENDING_PAYMENT");
        var orderId = await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT id FROM orders WHERE number = '{number}'");
        var total = await TestSql.ScalarAsync<decimal>(api.ConnectionString, $"SELECT total FROM orders WHERE id = {orderId}");
        var options = api.Services.GetRequiredService<IOptions<RazorpayOptions>>().Value;
        Assert.True(options.IsSimulated);

        // Razorpay's order, made through the typed client over HTTP to this API's own simulator routes.
        string razorpayOrderId;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            razorpayOrderId = await scope.ServiceProvider.GetRequiredService<RazorpayOrders>().EnsureIdAsync(orderId, CancellationToken.None);
        }

        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        var page = await http.GetStringAsync(new Uri($"{PaymentSimulatorEndpoints.CheckoutPath}?order_id={razorpayOrderId}", UriKind.Relative));
        Assert.Contains(razorpayOrderId, page, StringComparison.Ordinal);
        Assert.Contains($"{RazorpayAmounts.ToPaise(total)} paise", page, StringComparison.Ordinal);
        Assert.Contains("Pay successfully", page, StringComparison.Ordinal);

        using var paid = await http.PostAsJsonAsync(new Uri(PaymentSimulatorEndpoints.PayPath, UriKind.Relative), new { order_id = razorpayOrderId, outcome = "captured" });
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        var callback = await paid.Content.ReadFromJsonAsync<JsonElement>();
        var paymentId = callback.GetProperty("razorpay_payment_id").GetString()!;
        Assert.Equal(razorpayOrderId, callback.GetProperty("razorpay_order_id").GetString());
        Assert.Equal("captured", callback.GetProperty("status").GetString());
        Assert.True(RazorpaySignatures.IsValidCheckoutSignature(razorpayOrderId, paymentId, callback.GetProperty("razorpay_signature").GetString()!, options.KeySecret!));

        // Razorpay's three webhooks reach POST /api/webhooks/razorpay, signed with the webhook secret.
        var deliveries = await api.Webhooks.ReceivedAsync(3).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["payment.authorized", "payment.captured", "order.paid"], deliveries.Select(d => d.Event));
        Assert.Equal(3, deliveries.Select(d => d.EventId).Distinct().Count());
        foreach (var delivery in deliveries)
        {
            Assert.Equal("application/json", delivery.ContentType);
            Assert.True(RazorpaySignatures.IsValidWebhookSignature(delivery.Body, delivery.Signature, options.WebhookSecrets));
            Assert.True(RazorpayWebhookPayload.TryParse(delivery.Body, out var webhook, out var error), error);
            Assert.Equal(paymentId, webhook!.Payment!.Id);
            Assert.Equal(total, webhook.Payment.Amount);
        }

        // A paid Razorpay order takes no second payment.
        using var again = await http.PostAsJsonAsync(new Uri(PaymentSimulatorEndpoints.PayPath, UriKind.Relative), new { order_id = razorpayOrderId, outcome = "captured" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task The_simulated_checkout_page_fails_a_payment_without_a_signature_and_refuses_unknown_orders()
    {
        await using var api = new DevelopmentApi();
        await api.InitializeAsync();
        var (_, number) = await TestOrders.InsertAsync(api.ConnectionString, "PENDING_PAYMENT");
        var orderId = await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT id FROM orders WHERE number = '{number}'");
        string razorpayOrderId;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            razorpayOrderId = await scope.ServiceProvider.GetRequiredService<RazorpayOrders>().EnsureIdAsync(orderId, CancellationToken.None);
        }

        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        using var failed = await http.PostAsync(
            new Uri(PaymentSimulatorEndpoints.CheckoutPath, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["order_id"] = razorpayOrderId, ["outcome"] = "failed", ["callback_url"] = "/shop/return" }));
        var html = await failed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Contains("<strong>failed</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("razorpay_signature", html, StringComparison.Ordinal);
        Assert.Equal(["payment.failed"], (await api.Webhooks.ReceivedAsync(1).WaitAsync(TimeSpan.FromSeconds(30))).Select(d => d.Event));

        using var unknown = await http.GetAsync(new Uri($"{PaymentSimulatorEndpoints.CheckoutPath}?order_id=<script>", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("<script>", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The simulator's Razorpay API checks Basic auth like Razorpay.
        using var anonymous = await http.GetAsync(new Uri(RazorpayEndpoint.SimulatorPath + "orders/" + razorpayOrderId, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    /// <summary>The API in Development without Razorpay keys, on a real loopback port, with POST /api/webhooks/razorpay caught.</summary>
    private sealed class DevelopmentApi : ApiFactory
    {
        public WebhookCatcher Webhooks { get; } = new();

        public Uri BaseAddress { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            // Listen, not UseKestrel(port): that overload rewrites the server's addresses from a callback that can run
            // after Kestrel started, which throws now and then ("Addresses cannot be modified after the server has started").
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
            foreach (var (name, value) in NoKeys)
            {
                builder.UseSetting(name.Replace("__", ":", StringComparison.Ordinal), value);
            }

            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Webhooks));
        }
    }

    /// <summary>Stands in for the payments part's webhook endpoint: keeps each delivery as received and answers 200.</summary>
    private sealed class WebhookCatcher : IStartupFilter
    {
        private readonly ConcurrentQueue<Delivery> _received = new();
        private readonly List<(int Count, TaskCompletionSource<IReadOnlyList<Delivery>> Reached)> _waiters = [];
        private readonly Lock _lock = new();

        public Task<IReadOnlyList<Delivery>> ReceivedAsync(int count)
        {
            lock (_lock)
            {
                if (_received.Count >= count)
                {
                    return Task.FromResult<IReadOnlyList<Delivery>>([.. _received]);
                }

                var reached = new TaskCompletionSource<IReadOnlyList<Delivery>>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, reached));
                return reached.Task;
            }
        }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate rest) =>
            {
                if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != PaymentSimulator.WebhookPath)
                {
                    await rest(context);
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                var delivery = new Delivery(
                    context.Request.Headers[SimulatedWebhook.EventIdHeader].ToString(),
                    context.Request.Headers[SimulatedWebhook.SignatureHeader].ToString(),
                    context.Request.ContentType ?? "",
                    body.ToArray());
                lock (_lock)
                {
                    _received.Enqueue(delivery);
                    foreach (var waiter in _waiters.Where(w => _received.Count >= w.Count).ToList())
                    {
                        _waiters.Remove(waiter);
                        waiter.Reached.TrySetResult([.. _received]);
                    }
                }

                context.Response.StatusCode = 200;
            });
            next(app);
        };
    }

    private sealed record Delivery(string EventId, string Signature, string ContentType, byte[] Body)
    {
        public string Event => JsonDocument.Parse(Body).RootElement.GetProperty("event").GetString()!;
    }
}
