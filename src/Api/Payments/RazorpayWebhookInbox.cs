using static Diecast.Api.Data.DirectCommands;

namespace Diecast.Api.Payments;

/// <summary>The inbox table razorpay_webhook_events: each verified delivery stored once per event id.</summary>
public sealed class RazorpayWebhookInbox(IDbContextFactory<DiecastDbContext> contexts, RazorpayWebhookSignal signal, TimeProvider time)
{
    /// <summary>
    /// Stores a verified event unless its id is stored already (a redelivery, also one racing on another instance:
    /// the unique index decides, <c>ON CONFLICT DO NOTHING</c>); true when this call stored it. Wakes this instance's
    /// workers; other instances find it on their next poll. A new delivery is due at once: next_attempt_at is its
    /// arrival, so the workers' claim reads the partial index on (next_attempt_at) WHERE processed_at IS NULL alone.
    /// </summary>
    public async Task<bool> StoreAsync(string eventId, string eventName, string payload, CancellationToken cancellationToken)
    {
        var now = time.GetDatabaseUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Sent without EF Core (DirectCommands): every delivery runs it, and EF Core's work per execution cost as much as
        // PostgreSQL's.
        var inserted = await db.Database.ExecuteAsync(
            """
            INSERT INTO razorpay_webhook_events (event_id, event, payload, received_at, attempts, next_attempt_at)
            VALUES ($1, $2, $3, $4, 0, $4)
            ON CONFLICT (event_id) DO NOTHING
            """,
            [Text(eventId), Text(eventName), Text(payload), Timestamp(now)],
            cancellationToken);
        if (inserted > 0)
        {
            signal.Wake();
        }

        return inserted > 0;
    }
}

/// <summary>Wakes this instance's webhook workers when a delivery was stored here.</summary>
public sealed class RazorpayWebhookSignal : IDisposable
{
    private readonly SemaphoreSlim _deliveries = new(0, int.MaxValue);

    public void Dispose() => _deliveries.Dispose();

    public void Wake()
    {
        // One pending wake is enough: an awake worker drains everything there is.
        if (_deliveries.CurrentCount == 0)
        {
            _deliveries.Release();
        }
    }

    /// <summary>Waits for a wake or <paramref name="timeout"/> on <paramref name="time"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, timeoutSource.Token);
        var wake = _deliveries.WaitAsync(timeoutSource.Token);
        await Task.WhenAny(delay, wake);
        await timeoutSource.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
