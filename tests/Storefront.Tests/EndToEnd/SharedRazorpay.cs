using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Diecast.Api.Payments.Razorpay;
using Diecast.Api.Payments.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Diecast.Storefront.Tests.EndToEnd;

/// <summary>
/// One Razorpay for several API instances, hosted in the test on 127.0.0.1: the API's own payment simulator (its
/// Razorpay routes under /simulator/razorpay/v1/, its checkout page where a tester pays or fails, one engine and one set
/// of keys), listening on one port per API instance, so that it knows which instance created each Razorpay order. Its
/// webhooks are posted, signed, to the API instance that did <b>not</b> create the order (issue 15's rule: the state an
/// instance keeps must not matter), in order, and every delivery is recorded for assertions.
/// </summary>
/// <remarks>
/// Why not each API's own simulator: each plays Razorpay in its own memory, so an order made through one is unknown to
/// the other, and its webhooks go back to the instance that made it. Why not <c>FakeRazorpay</c>: it has Razorpay's
/// REST routes but not the checkout page the shopper's browser pays on.
/// </remarks>
public sealed class SharedRazorpay : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int[] _ports;
    private readonly ConcurrentDictionary<string, int> _creatorByReceipt = new();
    private readonly ConcurrentQueue<WebhookDelivery> _deliveries = new();
    private readonly Channel<SimulatedWebhook> _outbox = Channel.CreateUnbounded<SimulatedWebhook>(new() { SingleReader = true });
    private readonly Task _sender;
    private readonly CancellationTokenSource _stopping = new();
    private Uri[] _webhookTargets = [];
    private TaskCompletionSource _open = Opened();

    private SharedRazorpay(WebApplication app, int[] ports, RazorpayOptions keys)
    {
        _app = app;
        _ports = ports;
        Keys = keys;
        Engine = app.Services.GetRequiredService<PaymentSimulator>().Engine!;
        Engine.WebhookEmitted += webhook => _outbox.Writer.TryWrite(webhook);
        _sender = Task.Run(SendAsync);
    }

    /// <summary>The key id, key secret and webhook secret every API instance is given (random per test run).</summary>
    public RazorpayOptions Keys { get; }

    /// <summary>The simulator's engine: Razorpay's orders and payments, inspected by tests.</summary>
    public RazorpaySimulator Engine { get; }

    /// <summary>Every webhook delivery so far: the event, the Razorpay order, which instance made it and which got it.</summary>
    public IReadOnlyCollection<WebhookDelivery> Deliveries => _deliveries;

    /// <summary>Starts it with one port per API instance (<paramref name="instances"/>); <see cref="Settings"/> then points each at its own port.</summary>
    public static async Task<SharedRazorpay> StartAsync(int instances)
    {
        var keys = new RazorpayOptions
        {
            KeyId = "rzp_test_e2e" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
            KeySecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            WebhookSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            IsSimulated = true,
        };
        // Testing, not Production: the simulator's routes are never mapped in Production.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(kestrel =>
        {
            // One port per instance, each chosen by the system when it binds.
            for (var i = 0; i < instances; i++)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Options.Create(keys));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PaymentSimulator>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        SharedRazorpay? shared = null;
        var ports = new int[instances];
        app.Use(async (http, next) =>
        {
            // Which instance creates which Razorpay order: the receipt (our order number) arrives on that instance's port.
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals(RazorpayEndpoint.SimulatorPath + "orders", StringComparison.Ordinal))
            {
                http.Request.EnableBuffering();
                using var body = await JsonDocument.ParseAsync(http.Request.Body);
                http.Request.Body.Position = 0;
                if (body.RootElement.TryGetProperty("receipt", out var receipt) && receipt.GetString() is { } number)
                {
                    shared!._creatorByReceipt[number] = Array.IndexOf(ports, http.Connection.LocalPort);
                }
            }

            await next(http);
        });
        app.MapPaymentSimulator();
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).ToArray();
        Array.Copy(bound, ports, instances);
        shared = new SharedRazorpay(app, ports, keys);
        return shared;
    }

    /// <summary>The address of the simulator's checkout page (the same engine whichever port).</summary>
    public Uri Address => new($"http://127.0.0.1:{_ports[0]}");

    /// <summary>The Razorpay settings (environment variables) of API instance <paramref name="instance"/>: these keys, its own port.</summary>
    public IReadOnlyDictionary<string, string> Settings(int instance) => new Dictionary<string, string>
    {
        ["Razorpay__KeyId"] = Keys.KeyId!,
        ["Razorpay__KeySecret"] = Keys.KeySecret!,
        ["Razorpay__WebhookSecret"] = Keys.WebhookSecret!,
        ["Razorpay__BaseUrl"] = $"http://127.0.0.1:{_ports[instance]}{RazorpayEndpoint.SimulatorPath}",
    };

    /// <summary>Where webhooks go: instance i's POST /api/webhooks/razorpay is <paramref name="apis"/>[i]'s.</summary>
    public void DeliverTo(IReadOnlyList<Uri> apis) => _webhookTargets = [.. apis.Select(api => new Uri(api, PaymentSimulator.WebhookPath))];

    /// <summary>
    /// Keeps every webhook made from now on until <see cref="ReleaseWebhooks"/>: a late webhook, so that a test can see
    /// what the shopper sees before it arrives.
    /// </summary>
    public void HoldWebhooks()
    {
        if (_open.Task.IsCompleted)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Delivers the webhooks held since <see cref="HoldWebhooks"/>, in order, and those made afterwards at once.</summary>
    public void ReleaseWebhooks() => _open.TrySetResult();

    /// <summary>Which instance created the Razorpay order for order number <paramref name="receipt"/>, if one did.</summary>
    public int? CreatorOf(string receipt) => _creatorByReceipt.TryGetValue(receipt, out var instance) ? instance : null;

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _stopping.CancelAsync();
        try
        {
            await _sender;
        }
        catch (OperationCanceledException)
        {
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task SendAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await foreach (var webhook in _outbox.Reader.ReadAllAsync(_stopping.Token))
        {
            await _open.Task.WaitAsync(_stopping.Token);
            var orderId = RazorpayOrderOf(webhook);
            var receipt = orderId is null ? null : Engine.FindOrder(orderId)?.Receipt;
            var creator = receipt is null ? null : CreatorOf(receipt);
            // To the other instance; an event whose order is unknown (none in these tests) goes to the first.
            var target = creator is { } made && _webhookTargets.Length > 1 ? (made + 1) % _webhookTargets.Length : 0;
            HttpStatusCode? status = null;
            // Razorpay retries a failed delivery; so does this, a few times, so that one refused connection is not a lost payment.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var request = webhook.ToRequest(_webhookTargets[target]);
                    using var response = await client.SendAsync(request, _stopping.Token);
                    status = response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    status = null;
                }

                if (attempt == 5)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _stopping.Token);
            }

            _deliveries.Enqueue(new WebhookDelivery(webhook.Event, webhook.EventId, orderId, receipt, creator, target, status));
        }
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private static string? RazorpayOrderOf(SimulatedWebhook webhook)
    {
        using var body = JsonDocument.Parse(webhook.Body);
        var payload = body.RootElement.GetProperty("payload");
        if (payload.TryGetProperty("payment", out var payment) && payment.GetProperty("entity").TryGetProperty("order_id", out var paymentOrder))
        {
            return paymentOrder.GetString();
        }

        return payload.TryGetProperty("order", out var order) ? order.GetProperty("entity").GetProperty("id").GetString() : null;
    }
}

/// <summary>One webhook posted by <see cref="SharedRazorpay"/>: its event, Razorpay order, our order number, the instance that created the order and the one it was posted to, and the answer's status (null: no answer).</summary>
public sealed record WebhookDelivery(string Event, string EventId, string? RazorpayOrderId, string? OrderNumber, int? CreatedBy, int DeliveredTo, HttpStatusCode? Status);
