using Diecast.Api.Payments.Razorpay;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Payments;

/// <summary>
/// Asks Razorpay about orders that have waited too long (razorpay.md §4 step 6: a lost or disabled webhook must never
/// strand a paid order): every order with a Razorpay order id still AWAITING_PAYMENT, AUTHORIZED or FAILED, or
/// EXPIRED/VOIDED within <see cref="PaymentsOptions.LatePaymentLookbackHours"/> (late payments), not looked at for
/// <see cref="PaymentsOptions.ReconcileAfterMinutes"/>. Each of its payments (<c>GET /v1/orders/{id}/payments</c>) is
/// settled through <see cref="PaymentSettlement"/>. Also resends refunds whose call never got an answer, and asks
/// about refunds Razorpay accepted that are still pending after as long (<c>GET /v1/refunds/{id}</c>), so a lost
/// <c>refund.processed</c> or <c>refund.failed</c> never leaves a refund pending for ever.
/// Safe with any number of instances: an order is claimed by one instance (<c>FOR UPDATE SKIP LOCKED</c>, then its
/// <c>payment_checked_at</c> moves on), so two never ask about it in the same round.
/// </summary>
public sealed class PaymentReconciliation(
    IDbContextFactory<DiecastDbContext> contexts,
    IRazorpayClient razorpay,
    PaymentSettlement settlement,
    PaymentFollowUps followUps,
    IOptionsMonitor<PaymentsOptions> options,
    TimeProvider time,
    ILogger<PaymentReconciliation> logger) : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>A pending refund with no answer from Razorpay this long after it was asked for is sent again (same key).</summary>
    private static readonly TimeSpan RefundResendAfter = TimeSpan.FromMinutes(1);

    /// <summary>One pass: the orders due now, then refunds without an answer. Returns how many orders it asked about (tests call this).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var checkedOrders = 0;
        while (true)
        {
            var claimed = await ClaimAsync(cancellationToken);
            foreach (var (orderId, razorpayOrderId, previousCheck) in claimed)
            {
                await ReconcileAsync(orderId, razorpayOrderId, previousCheck, cancellationToken);
            }

            checkedOrders += claimed.Count;
            if (claimed.Count < BatchSize)
            {
                break;
            }
        }

        await ResendRefundsAsync(cancellationToken);
        await CheckPendingRefundsAsync(cancellationToken);
        return checkedOrders;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.ReconciliationEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.ReconciliationIntervalSeconds)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (Data.DatabaseFailure.Of(exception) is not null)
            {
                // Debug only, as the webhook worker's: the outage is reported, summarised, by DatabaseFailureLog.
                logger.LogDebug("Payment reconciliation cannot reach the database ({Message}); trying again next round", exception.Message);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Payment reconciliation failed; trying again next round");
            }
        }
    }

    /// <summary>Takes up to a batch of due orders for this instance, moving their payment_checked_at to now in the same statement.</summary>
    private async Task<List<(int OrderId, string RazorpayOrderId, DateTime? PreviousCheck)>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetDatabaseUtcNow();
        var dueBefore = now.AddMinutes(-Math.Max(0, options.CurrentValue.ReconcileAfterMinutes));
        var lateSince = now.AddHours(-Math.Max(0, options.CurrentValue.LatePaymentLookbackHours));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Database.SqlQuery<ClaimedOrder>($"""
            WITH due AS (
                SELECT id, payment_checked_at FROM orders
                WHERE razorpay_order_id IS NOT NULL
                  AND created_at <= {dueBefore}
                  AND (payment_checked_at IS NULL OR payment_checked_at <= {dueBefore})
                  AND (payment_status IN ('awaiting_payment', 'authorized', 'failed')
                       OR (payment_status IN ('expired', 'voided') AND updated_at >= {lateSince}))
                ORDER BY payment_checked_at NULLS FIRST, id
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED)
            UPDATE orders o SET payment_checked_at = {now}
            FROM due WHERE o.id = due.id
            RETURNING o.id AS order_id, o.razorpay_order_id, due.payment_checked_at AS previous_check
            """).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.OrderId, r.RazorpayOrderId, r.PreviousCheck))];
    }

    private async Task ReconcileAsync(int orderId, string razorpayOrderId, DateTime? previousCheck, CancellationToken cancellationToken)
    {
        IReadOnlyList<RazorpayPayment> payments;
        try
        {
            payments = await razorpay.GetOrderPaymentsAsync(razorpayOrderId, cancellationToken);
        }
        catch (Exception exception) when (exception is RazorpayException or HttpRequestException or TimeoutException)
        {
            // Razorpay down: the order is as it was, and due again next round.
            logger.LogWarning("Reconciliation could not ask Razorpay about order {OrderId} ({Message}); next round retries", orderId, exception.Message);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"UPDATE orders SET payment_checked_at = {previousCheck} WHERE id = {orderId}", cancellationToken);
            return;
        }

        // Failures first, then authorisations, then captures: each fact then moves the order forwards only.
        foreach (var fact in payments.Select(PaymentFact.From).OfType<PaymentFact>().OrderBy(f => f.Kind switch { PaymentFactKind.Failed => 0, PaymentFactKind.Authorized => 1, _ => 2 }))
        {
            SettlementResult result;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                result = await settlement.ApplyAsync(db, fact, PaymentSource.Reconciliation, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            logger.LogInformation("Reconciliation of order {OrderId}, payment {PaymentId}: {Outcome}", orderId, fact.RazorpayPaymentId, result.Outcome);
            await followUps.RunAsync(result.FollowUps, PaymentSource.Reconciliation, cancellationToken);
        }
    }

    private async Task ResendRefundsAsync(CancellationToken cancellationToken)
    {
        var askedBefore = time.GetDatabaseUtcNow() - RefundResendAfter;
        List<Guid> pending;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            pending = await db.Refunds
                .Where(r => r.Status == RefundStatus.Pending && r.RazorpayRefundId == null && r.UpdatedAt <= askedBefore)
                .OrderBy(r => r.CreatedAt)
                .Select(r => r.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        foreach (var id in pending)
        {
            await followUps.RunAsync([new RefundFollowUp(id)], PaymentSource.Reconciliation, cancellationToken);
        }
    }

    /// <summary>
    /// Asks Razorpay about refunds it accepted (its id stored) that are still pending <see cref="PaymentsOptions.ReconcileAfterMinutes"/>
    /// after they last changed or were last asked about, and settles what it says. A normal refund takes 5–7 working
    /// days (razorpay.md §5), so one still pending is simply asked about again a round later. Each refund is claimed by
    /// one instance (<c>FOR UPDATE SKIP LOCKED</c>, its <c>status_checked_at</c> moved in the same statement).
    /// </summary>
    private async Task CheckPendingRefundsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetDatabaseUtcNow();
        var dueBefore = now.AddMinutes(-Math.Max(0, options.CurrentValue.ReconcileAfterMinutes));
        List<ClaimedRefund> claimed;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            claimed = await db.Database.SqlQuery<ClaimedRefund>($"""
                WITH due AS (
                    SELECT id FROM refunds
                    WHERE status = 'Pending' AND razorpay_refund_id IS NOT NULL
                      AND COALESCE(status_checked_at, updated_at) <= {dueBefore}
                    ORDER BY COALESCE(status_checked_at, updated_at), id
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED)
                UPDATE refunds r SET status_checked_at = {now}
                FROM due WHERE r.id = due.id
                RETURNING r.id, r.razorpay_refund_id
                """).ToListAsync(cancellationToken);
        }

        foreach (var (refundId, razorpayRefundId) in claimed)
        {
            RazorpayRefund answer;
            try
            {
                answer = await razorpay.GetRefundAsync(razorpayRefundId, cancellationToken);
            }
            catch (Exception exception) when (exception is RazorpayException or HttpRequestException or TimeoutException)
            {
                logger.LogWarning("Reconciliation could not ask Razorpay about refund {RefundId} ({Message}); a later round retries", refundId, exception.Message);
                continue;
            }

            SettlementResult result;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                result = await settlement.ApplyAsync(db, RefundFact.From(answer), PaymentSource.Reconciliation, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            logger.LogInformation("Reconciliation of refund {RefundId} ({RazorpayRefundId}): {Outcome}", refundId, razorpayRefundId, result.Outcome);
        }
    }

    private sealed record ClaimedRefund(Guid Id, string RazorpayRefundId);

    private sealed record ClaimedOrder(int OrderId, string RazorpayOrderId, DateTime? PreviousCheck);
}
