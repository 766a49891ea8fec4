using Diecast.Api.Payments.Razorpay;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Payments;

/// <summary>
/// The inbox worker: claims stored deliveries one at a time with <c>FOR UPDATE SKIP LOCKED</c> (so any number of
/// workers on any number of instances each take different ones) and applies each through
/// <see cref="PaymentSettlement"/> in one transaction with marking it processed: a crash before the commit leaves it
/// unprocessed for the next worker, and an event is applied exactly once. A delivery that fails is retried with
/// backoff and set aside as poison after <see cref="PaymentsOptions.WebhookMaxAttempts"/> attempts.
/// </summary>
public sealed class RazorpayWebhookProcessor(
    IDbContextFactory<DiecastDbContext> contexts,
    PaymentSettlement settlement,
    PaymentFollowUps followUps,
    RazorpayWebhookSignal signal,
    IOptionsMonitor<PaymentsOptions> options,
    TimeProvider time,
    ILogger<RazorpayWebhookProcessor> logger) : BackgroundService
{
    /// <summary>How long a refund may wait for its payment to be recorded before it is set aside (Razorpay settles late payments within 3 days).</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(3);

    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(10);

    /// <summary>Processes every delivery that is due now, then returns how many it took (tests call this instead of waiting for the service).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        while (await ProcessNextAsync(cancellationToken))
        {
            count++;
        }

        return count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.WebhookWorkerEnabled)
        {
            logger.LogInformation("The Razorpay webhook worker is off on this instance (Payments:WebhookWorkerEnabled)");
            return;
        }

        try
        {
            // Deliveries stored without a due time (written outside the API) are due at their arrival.
            await using var db = await contexts.CreateDbContextAsync(stoppingToken);
            await db.Database.ExecuteSqlAsync($"UPDATE razorpay_webhook_events SET next_attempt_at = received_at WHERE processed_at IS NULL AND next_attempt_at IS NULL", stoppingToken);
        }
        catch (Exception exception) when (Data.DatabaseFailure.Of(exception) is not null)
        {
            logger.LogDebug("The Razorpay webhook worker could not reach the database at start ({Message})", exception.Message);
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.CurrentValue.WebhookWorkers)).Select(_ => WorkAsync(stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var poll = TimeSpan.FromMilliseconds(Math.Max(10, options.CurrentValue.WebhookPollMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                await signal.WaitAsync(poll, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (Data.DatabaseFailure.Of(exception) is not null)
            {
                // Debug only: an outage is reported, summarised, by the readiness check and the requests that fail
                // (DatabaseFailureLog); a loop polling every second would add a line each time.
                logger.LogDebug("The Razorpay webhook worker cannot reach the database ({Message}); trying again shortly", exception.Message);
                await signal.WaitAsync(poll, time, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A bug must not stop the host (a BackgroundService's exception does): logged, and the loop goes on.
                logger.LogError(exception, "The Razorpay webhook worker failed; trying again shortly");
                await signal.WaitAsync(poll, time, stoppingToken);
            }
        }
    }

    /// <summary>Claims and processes one due delivery; false when none is due.</summary>
    private async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        var now = time.GetDatabaseUtcNow();
        SettlementResult result;
        RazorpayWebhookDelivery delivery;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.RazorpayWebhookDeliveries
                .FromSql($"""
                    SELECT * FROM razorpay_webhook_events
                    WHERE processed_at IS NULL AND next_attempt_at <= {now}
                    ORDER BY next_attempt_at LIMIT 1
                    FOR UPDATE SKIP LOCKED
                    """)
                .AsTracking()
                .ToListAsync(cancellationToken);
            if (claimed.Count == 0)
            {
                return false;
            }

            delivery = claimed[0];
            try
            {
                result = await ApplyAsync(db, delivery, cancellationToken);
                delivery.Attempts++;
                delivery.Outcome = Truncate(result.Outcome, 500);
                if (result.RetryLater && now - delivery.ReceivedAt < LongestWait)
                {
                    delivery.NextAttemptAt = now + Backoff(delivery.Attempts);
                }
                else
                {
                    delivery.ProcessedAt = now;
                    delivery.NextAttemptAt = null;
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                await RecordFailureAsync(delivery.Id, exception, cancellationToken);
                return true;
            }
        }

        logger.LogInformation("Razorpay webhook {EventId} ({Event}): {Outcome}", delivery.EventId, delivery.Event, result.Outcome);
        // After the commit: the intents these calls carry out are stored, so a call lost here is made by reconciliation.
        await followUps.RunAsync(result.FollowUps, PaymentSource.Webhook, cancellationToken);
        return true;
    }

    private async Task<SettlementResult> ApplyAsync(DiecastDbContext db, RazorpayWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (!RazorpayWebhookPayload.TryParse(System.Text.Encoding.UTF8.GetBytes(delivery.Payload), out var webhook, out var error) || webhook is null)
        {
            return new SettlementResult($"ignored: unreadable payload ({error})");
        }

        PaymentFactKind? paymentKind = webhook.Event switch
        {
            "payment.authorized" => PaymentFactKind.Authorized,
            // order.paid carries the captured payment too (razorpay.md §4, "Events relevant to a store").
            "payment.captured" or "order.paid" => PaymentFactKind.Captured,
            "payment.failed" => PaymentFactKind.Failed,
            _ => null,
        };
        if (paymentKind is { } kind)
        {
            // The kind comes from the event, not the entity's status: a payload is a snapshot and may describe a later
            // state (razorpay.md §4, "No ordering guarantee"); each event states what happened when it fired.
            return webhook.Payment is { } p
                ? await settlement.ApplyAsync(db, new PaymentFact(kind, p.Id, p.OrderId, p.Amount, p.Currency, p.Method, p.ErrorCode, p.ErrorDescription), PaymentSource.Webhook, cancellationToken)
                : new SettlementResult($"ignored: {webhook.Event} without a payment entity");
        }

        RefundFactKind? refundKind = webhook.Event switch
        {
            "refund.created" => RefundFactKind.Created,
            "refund.processed" => RefundFactKind.Processed,
            "refund.failed" => RefundFactKind.Failed,
            _ => null,
        };
        if (refundKind is { } refundFact)
        {
            return webhook.Refund is { } r
                ? await settlement.ApplyAsync(db, new RefundFact(refundFact, r.Id, r.PaymentId, r.Amount, r.Currency, r.Notes), PaymentSource.Webhook, cancellationToken)
                : new SettlementResult($"ignored: {webhook.Event} without a refund entity");
        }

        logger.LogInformation("Razorpay webhook {EventId}: event {Event} is not one this shop handles; acknowledged and kept", delivery.EventId, webhook.Event);
        return new SettlementResult($"ignored: unhandled event {webhook.Event}");
    }

    private async Task RecordFailureAsync(long id, Exception exception, CancellationToken cancellationToken)
    {
        var now = time.GetDatabaseUtcNow();
        var maxAttempts = Math.Max(1, options.CurrentValue.WebhookMaxAttempts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delivery = await db.RazorpayWebhookDeliveries.AsTracking().FirstAsync(d => d.Id == id, cancellationToken);
        delivery.Attempts++;
        // The exception's own message: ours and the database's name no secret, and RazorpayException keeps none.
        var cause = exception.GetBaseException();
        delivery.LastError = Truncate(
            $"{exception.GetType().Name}: {exception.Message}" + (cause == exception ? "" : $" Cause: {cause.GetType().Name}: {cause.Message}"), 2000);
        if (delivery.Attempts >= maxAttempts)
        {
            delivery.ProcessedAt = now;
            delivery.NextAttemptAt = null;
            delivery.Outcome = Truncate($"poison: failed {delivery.Attempts} times, set aside for staff; last error: {delivery.LastError}", 500);
            logger.LogError(exception, "Razorpay webhook {EventId} ({Event}) failed {Attempts} times and is set aside", delivery.EventId, delivery.Event, delivery.Attempts);
        }
        else
        {
            delivery.NextAttemptAt = now + Backoff(delivery.Attempts);
            logger.LogWarning(exception, "Razorpay webhook {EventId} ({Event}) failed (attempt {Attempts}); retrying at {NextAttemptAt:O}", delivery.EventId, delivery.Event, delivery.Attempts, delivery.NextAttemptAt);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>2, 4, 8 … seconds after the n-th attempt, at most 10 minutes.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(LongestBackoff.TotalSeconds, Math.Pow(2, Math.Clamp(attempts, 1, 20))));

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
