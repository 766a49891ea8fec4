using Diecast.Api.Payments.Razorpay;

namespace Diecast.Api.Payments;

/// <summary>
/// The Razorpay calls a settlement decided on, made after its transaction committed: capturing a late payment we
/// honour, sending a refund. Each intent is stored first (an AUTHORIZED order with LATE_PAYMENT_HONOURED, a PENDING
/// refund without Razorpay's id), so a call that fails here is made again by reconciliation, with the same
/// idempotency key for refunds.
/// </summary>
public sealed class PaymentFollowUps(
    IDbContextFactory<DiecastDbContext> contexts,
    IRazorpayClient razorpay,
    PaymentSettlement settlement,
    TimeProvider time,
    ILogger<PaymentFollowUps> logger)
{
    /// <summary>The X-Refund-Idempotency key of our refund: at least 10 of [A-Za-z0-9_-] (razorpay.md §5), the same on every retry.</summary>
    public static string IdempotencyKey(Guid refundId) => "diecast-refund-" + refundId.ToString("N");

    /// <summary>Makes each call; a failure is logged and left to reconciliation, never thrown (the change that asked for it is committed).</summary>
    public async Task RunAsync(IEnumerable<SettlementFollowUp> followUps, PaymentSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUps);
        foreach (var followUp in followUps)
        {
            try
            {
                switch (followUp)
                {
                    case CaptureFollowUp capture:
                        await CaptureAsync(capture, source, cancellationToken);
                        break;
                    case RefundFollowUp refund:
                        await SendRefundAsync(refund.RefundId, source, cancellationToken);
                        break;
                }
            }
            catch (Exception exception) when (exception is RazorpayException or HttpRequestException or TimeoutException || Data.DatabaseFailure.Of(exception) is not null)
            {
                logger.LogWarning("{FollowUp} did not complete ({Message}); reconciliation retries it", followUp, exception.Message);
            }
        }
    }

    /// <summary>
    /// Sends our pending refund to Razorpay (or again, with the same key and body, after a lost answer) and settles
    /// what Razorpay answers. Nothing happens for a refund that is no longer pending or already has Razorpay's id.
    /// Throws <see cref="RazorpayException"/> when Razorpay refuses or cannot be reached; the refund stays pending.
    /// </summary>
    public async Task<SettlementResult?> SendRefundAsync(Guid refundId, PaymentSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        Refund? refund;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            refund = await db.Refunds.FirstOrDefaultAsync(r => r.Id == refundId, cancellationToken);
        }

        if (refund is null || refund.Status != RefundStatus.Pending || refund.RazorpayRefundId is not null)
        {
            return null;
        }

        var notes = new Dictionary<string, string> { [RefundFact.RefundIdNote] = refund.Id.ToString() };
        RazorpayRefund answer;
        try
        {
            answer = await razorpay.CreateRefundAsync(refund.RazorpayPaymentId, refund.Amount, IdempotencyKey(refund.Id), notes, cancellationToken);
        }
        catch (RazorpayException exception) when (exception.StatusCode is { } status && (int)status is >= 400 and < 500 && (int)status is not 409 and not 429)
        {
            // Refused for good (e.g. the payment is older than six months, or more than was paid): a person decides.
            await RefuseAsync(refund.Id, exception.Message, source, cancellationToken);
            throw;
        }

        await using var settle = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await settle.Database.BeginTransactionAsync(cancellationToken);
        var result = await settlement.ApplyAsync(settle, RefundFact.From(answer) with { Notes = notes }, source, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task CaptureAsync(CaptureFollowUp capture, PaymentSource source, CancellationToken cancellationToken)
    {
        RazorpayPayment payment;
        try
        {
            payment = await razorpay.CapturePaymentAsync(capture.RazorpayPaymentId, capture.Amount, capture.Currency, cancellationToken);
        }
        catch (RazorpayException exception) when (exception.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            // Already captured (by a retry whose answer was lost) or no longer capturable: ask what it is now.
            payment = await razorpay.GetPaymentAsync(capture.RazorpayPaymentId, cancellationToken);
        }

        if (PaymentFact.From(payment) is { } fact)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await settlement.ApplyAsync(db, fact, source, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task RefuseAsync(Guid refundId, string reason, PaymentSource source, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var refund = await db.Refunds.AsTracking().FirstAsync(r => r.Id == refundId, cancellationToken);
        var order = await PaymentSettlement.LockOrderAsync(db, refund.OrderId, cancellationToken);
        if (order is null || refund.Status != RefundStatus.Pending)
        {
            return;
        }

        refund.Status = RefundStatus.Failed;
        refund.FailureReason = reason.Length <= 500 ? reason : reason[..500];
        order.NeedsAttention = true;
        order.Record(Orders.OrderEventKind.RefundFailed, source.Actor, $"Razorpay refused the refund of {PaymentSettlement.Rupees(refund.Amount)}; the money was not returned.", time.GetDatabaseUtcNow(), source.ActorName);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
