using System.Text.Json;
using Diecast.GraphQL.Server;

namespace Diecast.Api.Orders;

/// <summary>
/// The admin's moves on an order (fulfilment steps, cancelling an unpaid order), each stale-screen safe: the version the
/// admin read is the row version (<c>xmin</c>) that the UPDATE's WHERE checks, so of two admins moving from the same
/// screen one wins and the other gets a <see cref="StaleOrderError"/>; and each move writes one timeline event in the
/// same transaction as the change.
/// </summary>
public static class OrderMoves
{
    /// <summary>Longest reason a cancel may carry (characters), as the timeline's message holds it.</summary>
    public const int MaxReasonLength = 300;

    /// <summary>The payment statuses an order must have to be fulfilled: money captured and not all of it returned.</summary>
    public static readonly IReadOnlyList<PaymentStatus> Fulfillable = [PaymentStatus.Paid, PaymentStatus.PartiallyRefunded];

    /// <summary>The payment statuses an admin may cancel from: nothing captured or held (Razorpay's statuses: razorpay.md §2, payment lifecycle).</summary>
    public static readonly IReadOnlyList<PaymentStatus> Cancellable = [PaymentStatus.AwaitingPayment, PaymentStatus.Failed];

    private static readonly JsonSerializerOptions DataJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The fulfilment status after <paramref name="from"/>, or null for DELIVERED (final).</summary>
    public static FulfilmentStatus? NextFulfilment(FulfilmentStatus from) => from switch
    {
        FulfilmentStatus.Unfulfilled => FulfilmentStatus.Fulfilling,
        FulfilmentStatus.Fulfilling => FulfilmentStatus.Shipped,
        FulfilmentStatus.Shipped => FulfilmentStatus.Delivered,
        _ => null,
    };

    /// <summary>Why <paramref name="order"/> cannot move its fulfilment to <paramref name="to"/>, or null if it can.</summary>
    public static InvalidFulfilmentMoveError? CheckFulfilmentMove(Order order, FulfilmentStatus to)
    {
        ArgumentNullException.ThrowIfNull(order);
        var from = order.FulfilmentStatus;
        if (order.CancelledAt is not null || !Fulfillable.Contains(order.PaymentStatus))
        {
            return new InvalidFulfilmentMoveError(
                $"An order whose payment is {SchemaNames.EnumValue(order.PaymentStatus)}{(order.CancelledAt is null ? "" : " and that is CANCELLED")} cannot be fulfilled; " +
                "only orders whose payment is PAID or PARTIALLY_REFUNDED are.",
                from, to, order.PaymentStatus);
        }

        var next = NextFulfilment(from);
        return next == to
            ? null
            : new InvalidFulfilmentMoveError(
                $"An order whose fulfilment is {SchemaNames.EnumValue(from)} cannot move to {SchemaNames.EnumValue(to)}; " +
                (next is { } step ? $"it can move to {SchemaNames.EnumValue(step)}." : "it is final."),
                from, to, order.PaymentStatus);
    }

    /// <summary>Why <paramref name="order"/> cannot be cancelled, or null if it can (or already is: cancelling is idempotent).</summary>
    public static OrderNotCancellableError? CheckCancel(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status == OrderStatus.Cancelled || Cancellable.Contains(order.PaymentStatus))
        {
            return null;
        }

        var payment = SchemaNames.EnumValue(order.PaymentStatus);
        var message = order.PaymentStatus switch
        {
            PaymentStatus.Paid or PaymentStatus.PartiallyRefunded =>
                $"An order whose payment is {payment} cannot be cancelled: refund it with refundOrder (restock: true returns its stock).",
            PaymentStatus.Authorized =>
                $"An order whose payment is {payment} cannot be cancelled yet: the customer's bank holds the money until Razorpay captures it (then refund it with refundOrder) or releases it.",
            _ => $"An order whose payment is {payment} cannot be cancelled; it is {SchemaNames.EnumValue(order.Status)} and final.",
        };
        return new OrderNotCancellableError(message, order.Status, order.PaymentStatus);
    }

    /// <summary>
    /// Moves <paramref name="order"/>'s fulfilment one step (checked by the caller with <see cref="CheckFulfilmentMove"/>),
    /// records it as <paramref name="admin"/>'s, and saves; a concurrent change since the order was read is a stale error.
    /// </summary>
    public static async Task<MutationResult> MoveFulfilmentAsync(
        DiecastDbContext db, Order order, FulfilmentStatus to, string globalId, string admin, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        var from = order.FulfilmentStatus;
        order.FulfilmentStatus = to;
        order.Record(
            OrderEventKind.FulfilmentChanged,
            OrderEventActor.Admin,
            $"Fulfilment moved from {SchemaNames.EnumValue(from)} to {SchemaNames.EnumValue(to)} by {admin}.",
            now,
            admin,
            Data(new { from = SchemaNames.EnumValue(from), to = SchemaNames.EnumValue(to) }));
        try
        {
            // One transaction: the UPDATE (WHERE id AND xmin = the version read) and the event's INSERT.
            await WriteOutcomeUnknownException.GuardAsync(() => db.SaveChangesAsync(cancellationToken));
            return MutationResult.Success(order);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await StaleAsync(db, order.Id, globalId, cancellationToken);
        }
    }

    /// <summary>
    /// Cancels an unpaid <paramref name="order"/> (checked by the caller with <see cref="CheckCancel"/>): payment VOIDED,
    /// cancelledAt, the Cancelled event, and its held stock released (<see cref="OrderStock.ReleaseAsync"/>), all in one
    /// transaction. The order's row is updated first, with its version in the WHERE (which locks it), so of two cancels
    /// (or a cancel and the expiry job) only one releases the stock.
    /// </summary>
    public static async Task<MutationResult> CancelAsync(
        DiecastDbContext db, OrderStock stock, Order order, string reason, string globalId, string admin, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status == OrderStatus.Cancelled)
        {
            return MutationResult.Success(order);
        }

        var paymentBefore = order.PaymentStatus;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        order.PaymentStatus = PaymentStatus.Voided;
        order.CancelledAt = now;
        order.Record(
            OrderEventKind.Cancelled,
            OrderEventActor.Admin,
            $"Cancelled by {admin} (payment {SchemaNames.EnumValue(paymentBefore)} → VOIDED): {reason}",
            now,
            admin,
            Data(new { reason, paymentStatusBefore = SchemaNames.EnumValue(paymentBefore) }));
        try
        {
            // The UPDATE locks the row (FOR NO KEY UPDATE, the lock OrderStock takes too, so nothing upgrades); a second
            // cancel queues on it and then finds the version moved.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await StaleAsync(db, order.Id, globalId, cancellationToken);
        }

        await stock.ReleaseAsync(db, order, admin, $"Order {order.Number} cancelled by {admin}: {reason}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // The payload is the order as this transaction wrote it (SaveChanges read back its status and version); nothing
        // is read after the commit, so a committed cancel is never reported as a failure.
        await WriteOutcomeUnknownException.GuardAsync(() => transaction.CommitAsync(cancellationToken));
        return MutationResult.Success(order);
    }

    /// <summary>The stale error for <paramref name="orderId"/>, naming where the order stands now (read afresh: this mutation wrote nothing).</summary>
    public static async Task<MutationResult> StaleAsync(DiecastDbContext db, int orderId, string globalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.Clear();
        var now = await db.Orders.AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new { o.Status, o.PaymentStatus, o.FulfilmentStatus })
            .FirstOrDefaultAsync(cancellationToken);
        return now is null
            ? MutationResult.NotFound("order", globalId)
            : MutationResult.Failure(Stale(globalId, now.Status, now.PaymentStatus, now.FulfilmentStatus));
    }

    /// <summary>The stale error for an order read as it is now.</summary>
    public static StaleOrderError Stale(string globalId, OrderStatus status, PaymentStatus payment, FulfilmentStatus fulfilment) => new(
        $"The order changed since you read it: it is now {SchemaNames.EnumValue(status)} (payment {SchemaNames.EnumValue(payment)}, fulfilment {SchemaNames.EnumValue(fulfilment)}). " +
        "Nothing was changed; read it again and decide.",
        globalId, status, payment, fulfilment);

    private static string Data(object facts) => JsonSerializer.Serialize(facts, DataJson);
}
