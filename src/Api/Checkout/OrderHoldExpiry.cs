using Diecast.Api.Orders;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Checkout;

/// <summary>
/// Ends the hold of unpaid orders: every Checkout__ExpiryIntervalSeconds (on the injected clock) it takes the orders
/// whose hold has run out while their payment is AWAITING_PAYMENT or FAILED, marks them EXPIRED (the order reads
/// CANCELLED), puts their held stock back and records it on the timeline.
/// An order whose payment is AUTHORIZED is left alone: the money is promised, and the capture decides (Razorpay's
/// capture window equals the hold, so an authorisation that is never captured is refunded by Razorpay, and
/// reconciliation then sees it fail).
/// Safe with any number of instances: each batch locks its orders with FOR UPDATE SKIP LOCKED, so two runners never
/// take the same order, and a payment settled meanwhile (which locks the row too) takes it out of the WHERE.
/// </summary>
public sealed class OrderHoldExpiry(
    IDbContextFactory<DiecastDbContext> databases, OrderStock stock, TimeProvider time, IOptions<CheckoutOptions> options, ILogger<OrderHoldExpiry> logger)
    : BackgroundService
{
    public const string Actor = "expiry";

    /// <summary>Orders per transaction: short transactions, so a payment waiting on one of these rows waits little.</summary>
    public const int BatchSize = 100;

    /// <summary>Expires every order that is due now; returns how many this call expired (another instance may take some).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var expired = await ExpireBatchAsync(cancellationToken);
            total += expired;
            if (expired < BatchSize)
            {
                return total;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ExpiryEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ExpiryIntervalSeconds), time);
        do
        {
            try
            {
                var expired = await RunOnceAsync(stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("Expired {Count} unpaid orders and released their stock", expired);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; an outage is summarised by the database failure log elsewhere.
                logger.LogWarning(exception, "Expiring unpaid orders failed; trying again in {Seconds} s", options.Value.ExpiryIntervalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> ExpireBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetDatabaseUtcNow();
        // Orders that hold nothing (pre-orders only: reservation NONE) expire too; legacy orders have no hold_expires_at.
        var ids = await db.Database.SqlQuery<int>($"""
            SELECT id AS "Value" FROM orders
            WHERE reservation_status IN ('held', 'none') AND hold_expires_at <= {now}
              AND payment_status IN ('awaiting_payment', 'failed') AND cancelled_at IS NULL
            ORDER BY hold_expires_at, id
            LIMIT {BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        var orders = await db.Orders.AsTracking().Include(o => o.Items).Where(o => ids.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        foreach (var order in orders)
        {
            order.PaymentStatus = PaymentStatus.Expired;
            order.CancelledAt = now;
            await stock.ReleaseAsync(db, order, Actor, "The order was not paid within its hold.", cancellationToken);
            order.Record(
                OrderEventKind.Expired,
                OrderEventActor.Expiry,
                $"Not paid by {order.HoldExpiresAt:yyyy-MM-dd HH:mm} UTC: the order is CANCELLED and its items are back in stock.",
                now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return orders.Count;
    }
}
