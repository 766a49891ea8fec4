using Diecast.Api.Payments.Razorpay;

namespace Diecast.Api.Payments.Simulator;

/// <summary>
/// Posts the simulator's webhooks to this API's POST /api/webhooks/razorpay, one at a time in the order they were made,
/// each retried a few times on a failure as Razorpay retries (razorpay.md §4 "Delivery semantics", much shortened).
/// Does nothing when the simulator is off. Waits on the injected TimeProvider.
/// </summary>
public sealed partial class SimulatorWebhookSender(
    PaymentSimulator simulator, RazorpayEndpoint endpoint, IHttpClientFactory clients, TimeProvider time, ILogger<SimulatorWebhookSender> logger) : BackgroundService
{
    /// <summary>The named HttpClient the sender posts with.</summary>
    public const string ClientName = "payment-simulator-webhooks";

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (simulator.Engine is null)
        {
            return;
        }

        await foreach (var webhook in simulator.Outbox.ReadAllAsync(stoppingToken))
        {
            await DeliverAsync(webhook, stoppingToken);
        }
    }

    /// <summary>Posts one delivery, retrying after a non-2xx answer or no answer; logs what happened, never the body or signature.</summary>
    public async Task DeliverAsync(SimulatedWebhook webhook, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var target = new Uri(endpoint.BaseUrl, PaymentSimulator.WebhookPath);
        using var client = clients.CreateClient(ClientName);
        for (var attempt = 0; ; attempt++)
        {
            string outcome;
            try
            {
                using var request = webhook.ToRequest(target);
                using var response = await client.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    LogDelivered(webhook.Event, webhook.EventId, (int)response.StatusCode);
                    return;
                }

                outcome = $"{(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                outcome = e.HttpRequestError.ToString();
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                outcome = "timed out";
            }

            if (attempt == RetryDelays.Length)
            {
                LogGaveUp(webhook.Event, webhook.EventId, target, outcome);
                return;
            }

            LogRetrying(webhook.Event, webhook.EventId, outcome, RetryDelays[attempt]);
            await Task.Delay(RetryDelays[attempt], time, ct);
        }
    }

    [LoggerMessage(LogLevel.Information, "Payment simulator: webhook {Event} ({EventId}) delivered, {Status}")]
    private partial void LogDelivered(string @event, string eventId, int status);

    [LoggerMessage(LogLevel.Warning, "Payment simulator: webhook {Event} ({EventId}) failed ({Outcome}); trying again in {Delay}")]
    private partial void LogRetrying(string @event, string eventId, string outcome, TimeSpan delay);

    [LoggerMessage(LogLevel.Warning, "Payment simulator: webhook {Event} ({EventId}) to {Target} given up after {Outcome}")]
    private partial void LogGaveUp(string @event, string eventId, Uri target, string outcome);
}
