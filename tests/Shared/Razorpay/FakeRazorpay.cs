using Diecast.Api.Payments.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Diecast.Tests;

/// <summary>
/// Razorpay for tests: the payment simulator's engine (<see cref="RazorpaySimulator"/>) behind its own Kestrel on
/// 127.0.0.1 and a free port, answering Razorpay's routes under <see cref="BaseUrl"/> (…/v1/). Nothing calls the
/// internet. Point an API at it with <see cref="Settings"/> (ApiFactory.UseSetting, or ApiProcess's environment with
/// <see cref="EnvironmentVariables"/>); drive it through <see cref="State"/> (inspect orders, payments, refunds, calls per
/// route; <c>FailNext</c> for timeouts, 5xx, 429 and lost answers) and <see cref="PayAsync"/>.
/// </summary>
public sealed class FakeRazorpay : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeRazorpay(WebApplication app, RazorpaySimulator state, Uri baseUrl)
    {
        _app = app;
        State = state;
        BaseUrl = baseUrl;
    }

    /// <summary>Razorpay's API root on this fake, e.g. http://127.0.0.1:41234/v1/.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The engine: Razorpay's state and rules, failure injection, signed webhooks.</summary>
    public RazorpaySimulator State { get; }

    public string KeyId => State.KeyId;

    public string KeySecret => State.KeySecret;

    public string WebhookSecret => State.WebhookSecret;

    /// <summary>The "Razorpay" settings that point an API at this fake (configuration keys, ':' separated).</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Razorpay:KeyId"] = KeyId,
        ["Razorpay:KeySecret"] = KeySecret,
        ["Razorpay:WebhookSecret"] = WebhookSecret,
        ["Razorpay:BaseUrl"] = BaseUrl.ToString(),
    };

    /// <summary><see cref="Settings"/> as environment variables (<c>Razorpay__KeyId</c>…), for an API process.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables =>
        Settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);

    /// <summary>
    /// Starts a fake with random test keys (or the given ones); <paramref name="time"/> stamps created_at and decides
    /// capture windows (a FakeTimeProvider lets a test make a payment late).
    /// </summary>
    public static async Task<FakeRazorpay> StartAsync(TimeProvider? time = null, string? keyId = null, string? keySecret = null, string? webhookSecret = null)
    {
        var state = new RazorpaySimulator(
            keyId ?? "rzp_test_fake" + Guid.NewGuid().ToString("N")[..8],
            keySecret ?? "fake_secret_" + Guid.NewGuid().ToString("N"),
            webhookSecret ?? "fake_webhook_" + Guid.NewGuid().ToString("N"),
            time);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.Configure<HostOptions>(builder.Services, host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.MapRazorpaySimulatorApi("/v1", _ => state);
        await app.StartAsync();
        // (No using for DI or System.Net here: the integration tests import both globally, Api.Tests does not.)
        var address = ((IServer)app.Services.GetService(typeof(IServer))!).Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeRazorpay(app, state, new Uri(address.TrimEnd('/') + "/v1/"));
    }

    /// <summary>
    /// A customer pays in Checkout (see <see cref="RazorpaySimulator.Pay"/>); when <paramref name="webhookTarget"/> is
    /// given, the webhooks this payment made are POSTed to it, in order, before this returns (each must get a 2xx).
    /// </summary>
    public async Task<SimulatedCheckout> PayAsync(
        string razorpayOrderId, SimulatedPaymentOutcome outcome = SimulatedPaymentOutcome.Captured, Uri? webhookTarget = null, HttpClient? client = null, TimeSpan? authorizationDelay = null)
    {
        var before = State.Webhooks.Count;
        var checkout = State.Pay(razorpayOrderId, outcome, authorizationDelay);
        if (webhookTarget is not null)
        {
            foreach (var webhook in State.Webhooks.Skip(before))
            {
                using var response = await PostWebhookAsync(webhookTarget, webhook, client);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{webhook.Event} to {webhookTarget} got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        return checkout;
    }

    /// <summary>POSTs one delivery as Razorpay would (body, X-Razorpay-Signature, X-Razorpay-Event-Id) and returns the answer.</summary>
    public static async Task<HttpResponseMessage> PostWebhookAsync(Uri target, SimulatedWebhook webhook, HttpClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        using var request = webhook.ToRequest(target);
        if (client is not null)
        {
            return await client.SendAsync(request);
        }

        using var own = new HttpClient();
        return await own.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        // Ends calls left hanging by failure injection, so that the server stops at once.
        State.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
