using System.Globalization;
using System.Text.Json;
using Diecast.Api.Orders;
using Diecast.GraphQL.Server;

namespace Diecast.Api.Payments;

/// <summary>What settling one fact did, and the Razorpay calls to make once the caller's transaction has committed.</summary>
/// <param name="Outcome">For the inbox's outcome column and logs: "applied: …", "ignored: …", "mismatch: …" (max 500).</param>
/// <param name="RetryLater">The fact cannot be applied yet (a refund before its payment) and must be kept and tried again.</param>
public sealed record SettlementResult(string Outcome, bool RetryLater = false)
{
    /// <summary>Calls to Razorpay to make after the commit; each was recorded in the same transaction first (its intent), so a retry finds it.</summary>
    public List<SettlementFollowUp> FollowUps { get; } = [];
}

/// <summary>A Razorpay call the settlement decided on.</summary>
public abstract record SettlementFollowUp;

/// <summary>Capture a late authorisation we honour (its automatic capture window has passed; razorpay.md "Capture window per order").</summary>
public sealed record CaptureFollowUp(int OrderId, string RazorpayPaymentId, decimal Amount, string Currency) : SettlementFollowUp;

/// <summary>Send our pending refund <paramref name="RefundId"/> to Razorpay.</summary>
public sealed record RefundFollowUp(Guid RefundId) : SettlementFollowUp;

/// <summary>
/// The one code path that changes an order's money: the webhook worker, confirmPayment and reconciliation hand it
/// facts, each inside a transaction the caller owns, and it applies them under a row lock on the order
/// (<c>SELECT … FOR UPDATE</c>). The rules (README, "Payments: processing rules"):
/// <list type="bullet">
/// <item>Monotonic: AWAITING_PAYMENT/FAILED &lt; AUTHORIZED &lt; PAID &lt; PARTIALLY_REFUNDED &lt; REFUNDED; a fact that would move
/// the order back (a failure or an authorisation after the capture) changes nothing (razorpay.md §4 "No ordering guarantee").</item>
/// <item>Idempotent: one <c>payments</c> row per Razorpay payment id, whose status only moves forward; a fact it already
/// shows changes nothing.</item>
/// <item>Checked: the Razorpay order id must be the one we stored, amount and currency our total in INR; a mismatch is
/// recorded (timeline PAYMENT_MISMATCH, needsAttention) and never applied.</item>
/// <item>Late payments (razorpay.md "Late authorisation"): an order we expired or cancelled takes its stock again if it
/// can (honoured) and is refunded automatically if it cannot; never silently kept.</item>
/// </list>
/// </summary>
public sealed class PaymentSettlement(OrderStock stock, TimeProvider time)
{
    /// <summary>Who asked for a refund that reconciles an unwanted late payment.</summary>
    public const string LatePaymentRequester = "late-payment";

    private const string Inr = "INR";

    /// <summary>
    /// Applies <paramref name="fact"/> to the order whose Razorpay order id it names, inside the caller's transaction
    /// (required: the order row lock lasts until the caller commits). Saves its changes; never commits.
    /// </summary>
    public async Task<SettlementResult> ApplyAsync(DiecastDbContext db, PaymentFact fact, PaymentSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(source);
        RequireTransaction(db);
        if (fact.RazorpayPaymentId.Length is 0 or > 40 || fact.RazorpayOrderId?.Length > 40 || fact.Currency.Length != 3)
        {
            // Razorpay's ids are 18-ish characters and currencies ISO codes: anything else is not a payment we can record.
            return new SettlementResult("ignored: the payment's ids or currency are not Razorpay's shape");
        }

        if (fact.RazorpayOrderId is null)
        {
            // Razorpay auto-refunds a payment without an order (razorpay.md §2 "Payments must carry an order_id").
            return new SettlementResult($"ignored: payment {fact.RazorpayPaymentId} has no Razorpay order");
        }

        var order = await LockOrderAsync(db, fact.RazorpayOrderId, cancellationToken);
        if (order is null)
        {
            // Another shop on the same Razorpay account, or an order of ours that never stored this id.
            return new SettlementResult($"ignored: no order has Razorpay order {fact.RazorpayOrderId}");
        }

        var now = time.GetDatabaseUtcNow();
        var payment = await db.Payments.AsTracking().FirstOrDefaultAsync(p => p.RazorpayPaymentId == fact.RazorpayPaymentId, cancellationToken);
        if (payment is not null && payment.OrderId != order.Id)
        {
            return await MismatchAsync(db, order, source, now, fact,
                $"Payment {fact.RazorpayPaymentId} was recorded for another order; it was not applied to this one.", cancellationToken);
        }

        if (payment is not null && Rank(payment.Status) >= Rank(fact.Kind))
        {
            return fact.Kind == PaymentFactKind.Authorized && payment.Status == PaymentAttemptStatus.Authorized
                && await HonouredCaptureAsync(db, order, fact, cancellationToken) is { } capture
                ? WithFollowUp(new SettlementResult($"applied: capture of honoured late payment {fact.RazorpayPaymentId} retried"), capture)
                : new SettlementResult($"ignored: payment {fact.RazorpayPaymentId} is already {payment.Status.ToString().ToUpperInvariant()}");
        }

        // The amount must be what we asked for, in rupees and in INR; a failure carries no money and is not checked.
        var mismatch = fact.Kind == PaymentFactKind.Failed ? null
            : fact.Currency != Inr ? $"Payment {fact.RazorpayPaymentId} is in {fact.Currency}, not INR; it was not applied."
            : fact.Amount != order.Total ? $"Payment {fact.RazorpayPaymentId} is for {Rupees(fact.Amount)}, not the order's total of {Rupees(order.Total)}; it was not applied."
            : null;

        // A late payment takes its stock again first, before anything else of this fact is written.
        var late = IsClosed(order) && fact.Kind != PaymentFactKind.Failed && mismatch is null;
        var reserved = late && await TryReserveAgainAsync(db, order, source, cancellationToken);

        if (payment is null)
        {
            payment = new Payment
            {
                OrderId = order.Id,
                RazorpayPaymentId = fact.RazorpayPaymentId,
                RazorpayOrderId = fact.RazorpayOrderId,
                Currency = fact.Currency,
                Status = PaymentAttemptStatus.Created,
            };
            db.Payments.Add(payment);
        }

        payment.Status = fact.Kind switch
        {
            PaymentFactKind.Authorized => PaymentAttemptStatus.Authorized,
            PaymentFactKind.Captured => PaymentAttemptStatus.Captured,
            _ => PaymentAttemptStatus.Failed,
        };
        payment.Amount = fact.Amount;
        payment.Currency = fact.Currency;
        payment.Method = fact.Method is null ? payment.Method : Truncate(fact.Method, 30);
        payment.ErrorCode = string.IsNullOrEmpty(fact.ErrorCode) ? payment.ErrorCode : Truncate(fact.ErrorCode, 100);
        payment.ErrorDescription = string.IsNullOrEmpty(fact.ErrorDescription) ? payment.ErrorDescription : Truncate(fact.ErrorDescription, 500);
        if (fact.Kind == PaymentFactKind.Captured)
        {
            payment.CapturedAt ??= now;
        }

        if (mismatch is not null)
        {
            return await MismatchAsync(db, order, source, now, fact, mismatch, cancellationToken);
        }

        var result = late
            ? await ApplyLateAsync(db, order, payment, fact, source, reserved, now, cancellationToken)
            : await ApplyOnTimeAsync(db, order, fact, source, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Applies <paramref name="fact"/> to our refund of its payment (found by Razorpay's refund id, or by the note
    /// carrying our refund id, or recorded as a refund made in Razorpay's dashboard), inside the caller's transaction.
    /// A refund of a payment we have not recorded yet is <see cref="SettlementResult.RetryLater"/>: kept, not dropped.
    /// </summary>
    public async Task<SettlementResult> ApplyAsync(DiecastDbContext db, RefundFact fact, PaymentSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(source);
        RequireTransaction(db);
        if (fact.RazorpayRefundId.Length is 0 or > 40 || fact.RazorpayPaymentId.Length is 0 or > 40)
        {
            return new SettlementResult("ignored: the refund's ids are not Razorpay's shape");
        }

        var orderId = await db.Payments.Where(p => p.RazorpayPaymentId == fact.RazorpayPaymentId).Select(p => (int?)p.OrderId).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Refunds.Where(r => r.RazorpayPaymentId == fact.RazorpayPaymentId).Select(r => (int?)r.OrderId).FirstOrDefaultAsync(cancellationToken);
        if (orderId is null)
        {
            // razorpay.md §2 (woocommerce #664): a refund event that overtakes its payment's capture must not be dropped.
            return new SettlementResult($"waiting: payment {fact.RazorpayPaymentId} of refund {fact.RazorpayRefundId} is not recorded yet", RetryLater: true);
        }

        var order = await LockOrderAsync(db, orderId.Value, cancellationToken)
            ?? throw new InvalidOperationException($"Order {orderId} vanished while its refund was settled.");
        var now = time.GetDatabaseUtcNow();
        var refund = await FindRefundAsync(db, order.Id, fact, cancellationToken);
        if (refund is null)
        {
            // A refund staff made in Razorpay's dashboard: recorded, so the order's money adds up.
            refund = new Refund
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                OrderId = order.Id,
                RazorpayPaymentId = fact.RazorpayPaymentId,
                RazorpayRefundId = fact.RazorpayRefundId,
                Amount = fact.Amount,
                Reason = "Refunded outside the API (Razorpay dashboard)",
                Restock = false,
                Status = RefundStatus.Pending,
                RequestedBy = "razorpay",
            };
            db.Refunds.Add(refund);
            Record(order, OrderEventKind.RefundRequested, source, $"Razorpay reports refund {fact.RazorpayRefundId} of {Rupees(fact.Amount)}, made outside the API.", now,
                data: Json(new { razorpayRefundId = fact.RazorpayRefundId, razorpayPaymentId = fact.RazorpayPaymentId, amount = fact.Amount }));
        }

        refund.RazorpayRefundId ??= fact.RazorpayRefundId;
        string outcome;
        if (refund.Status != RefundStatus.Pending || fact.Kind == RefundFactKind.Created)
        {
            outcome = refund.Status == RefundStatus.Pending ? $"applied: refund {fact.RazorpayRefundId} is pending at Razorpay" : $"ignored: refund {fact.RazorpayRefundId} is already {refund.Status.ToString().ToUpperInvariant()}";
        }
        else if (fact.Kind == RefundFactKind.Processed)
        {
            refund.Status = RefundStatus.Processed;
            order.AmountRefunded += refund.Amount;
            if (order.PaymentStatus is PaymentStatus.Paid or PaymentStatus.PartiallyRefunded)
            {
                order.PaymentStatus = order.AmountRefunded >= order.AmountPaid ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
            }

            if (refund.Restock && order.ReservationStatus == ReservationStatus.Sold)
            {
                var quantities = order.Items.GroupBy(i => i.ProductId).ToDictionary(g => g.Key, g => g.Sum(i => i.Quantity));
                await stock.RestockAsync(db, order, quantities, source.StockActor, $"Refund of order {order.Number}", cancellationToken);
            }

            Record(order, OrderEventKind.RefundProcessed, source,
                $"Refund {fact.RazorpayRefundId} of {Rupees(refund.Amount)} processed; {Rupees(order.AmountRefunded)} of {Rupees(order.AmountPaid)} refunded, payment {SchemaNames.EnumValue(order.PaymentStatus)}.",
                now, data: Json(new { refundId = refund.Id, razorpayRefundId = fact.RazorpayRefundId, amount = refund.Amount, restocked = refund.Restock }));
            outcome = $"applied: refund {fact.RazorpayRefundId} processed";
        }
        else
        {
            refund.Status = RefundStatus.Failed;
            refund.FailureReason = "Razorpay reported the refund failed.";
            order.NeedsAttention = true;
            Record(order, OrderEventKind.RefundFailed, source, $"Refund {fact.RazorpayRefundId} of {Rupees(refund.Amount)} failed at Razorpay; the money was not returned.", now,
                data: Json(new { refundId = refund.Id, razorpayRefundId = fact.RazorpayRefundId, amount = refund.Amount }));
            outcome = $"applied: refund {fact.RazorpayRefundId} failed";
        }

        await db.SaveChangesAsync(cancellationToken);
        return new SettlementResult(outcome);
    }

    /// <summary>Locks order <paramref name="id"/> until the caller's transaction ends, and loads it with its items; null when there is none.</summary>
    public static async Task<Order?> LockOrderAsync(DiecastDbContext db, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = await db.Database.SqlQuery<int>($"""SELECT id AS "Value" FROM orders WHERE id = {id} FOR UPDATE""").ToListAsync(cancellationToken);
        return await LoadLockedAsync(db, ids, cancellationToken);
    }

    /// <summary>Locks the order that stored <paramref name="razorpayOrderId"/>, as <see cref="LockOrderAsync(DiecastDbContext, int, CancellationToken)"/>.</summary>
    public static async Task<Order?> LockOrderAsync(DiecastDbContext db, string razorpayOrderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = await db.Database.SqlQuery<int>($"""SELECT id AS "Value" FROM orders WHERE razorpay_order_id = {razorpayOrderId} FOR UPDATE""").ToListAsync(cancellationToken);
        return await LoadLockedAsync(db, ids, cancellationToken);
    }

    private static async Task<Order?> LoadLockedAsync(DiecastDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return null;
        }

        var id = ids[0];
        return await db.Orders.AsTracking().Include(o => o.Items).FirstAsync(o => o.Id == id, cancellationToken);
    }

    private async Task<SettlementResult> ApplyOnTimeAsync(DiecastDbContext db, Order order, PaymentFact fact, PaymentSource source, DateTime now, CancellationToken cancellationToken)
    {
        var data = Json(new { razorpayPaymentId = fact.RazorpayPaymentId, razorpayOrderId = fact.RazorpayOrderId, amount = fact.Amount, currency = fact.Currency, method = fact.Method });
        switch (fact.Kind)
        {
            case PaymentFactKind.Captured when Rank(order.PaymentStatus) < Rank(PaymentStatus.Paid):
                order.PaymentStatus = PaymentStatus.Paid;
                order.AmountPaid = fact.Amount;
                order.PaidAt ??= now;
                order.RazorpayPaymentId = fact.RazorpayPaymentId;
                await stock.SellAsync(db, order, source.StockActor, cancellationToken);
                Record(order, OrderEventKind.PaymentCaptured, source, $"Payment {fact.RazorpayPaymentId} of {Rupees(fact.Amount)} captured; the order is {SchemaNames.EnumValue(OrderStatus.Paid)}.", now, data: data);
                return new SettlementResult($"applied: payment {fact.RazorpayPaymentId} captured");
            case PaymentFactKind.Captured:
                // Razorpay accepts no payment on an order once one is captured (razorpay.md §2); a second capture is money to hand back by a person.
                order.NeedsAttention = true;
                Record(order, OrderEventKind.PaymentMismatch, source, $"A second payment, {fact.RazorpayPaymentId} of {Rupees(fact.Amount)}, was captured for an order already paid by {order.RazorpayPaymentId}; refund it.", now, data: data);
                return new SettlementResult($"mismatch: second captured payment {fact.RazorpayPaymentId} on a paid order");
            case PaymentFactKind.Authorized when Rank(order.PaymentStatus) < Rank(PaymentStatus.Authorized):
                order.PaymentStatus = PaymentStatus.Authorized;
                Record(order, OrderEventKind.PaymentAuthorized, source, $"Payment {fact.RazorpayPaymentId} of {Rupees(fact.Amount)} authorized; Razorpay captures it.", now, data: data);
                return new SettlementResult($"applied: payment {fact.RazorpayPaymentId} authorized");
            case PaymentFactKind.Failed when order.PaymentStatus == PaymentStatus.AwaitingPayment:
                order.PaymentStatus = PaymentStatus.Failed;
                Record(order, OrderEventKind.PaymentFailed, source, $"Payment {fact.RazorpayPaymentId} failed ({fact.ErrorDescription ?? fact.ErrorCode ?? "no reason given"}); the customer may try again.", now,
                    data: Json(new { razorpayPaymentId = fact.RazorpayPaymentId, errorCode = fact.ErrorCode, errorDescription = fact.ErrorDescription }));
                return new SettlementResult($"applied: payment {fact.RazorpayPaymentId} failed");
            default:
                // A failure after an authorisation or capture (another attempt, or a stale snapshot) never moves the order back.
                return new SettlementResult($"applied to the payment only: the order stays {SchemaNames.EnumValue(order.PaymentStatus)}");
        }
    }

    private async Task<SettlementResult> ApplyLateAsync(
        DiecastDbContext db, Order order, Payment payment, PaymentFact fact, PaymentSource source, bool reserved, DateTime now, CancellationToken cancellationToken)
    {
        var data = Json(new { razorpayPaymentId = fact.RazorpayPaymentId, amount = fact.Amount, wasCancelledAt = order.CancelledAt, wasPaymentStatus = SchemaNames.EnumValue(order.PaymentStatus) });
        var closedAs = SchemaNames.EnumValue(order.PaymentStatus);
        if (reserved)
        {
            // Honoured: the stock is held again, so the sale stands as if the payment had come in time.
            var adminCancelled = order.PaymentStatus == PaymentStatus.Voided;
            order.CancelledAt = null;
            order.PaymentStatus = PaymentStatus.AwaitingPayment;
            order.NeedsAttention |= adminCancelled;
            Record(order, OrderEventKind.LatePaymentHonoured, source,
                $"Payment {fact.RazorpayPaymentId} of {Rupees(fact.Amount)} came after the order was {closedAs}; its stock was reserved again and the order stands." +
                (adminCancelled ? " Staff had cancelled it: check with the customer." : ""), now, data: data);
            var result = await ApplyOnTimeAsync(db, order, fact, source, now, cancellationToken);
            if (fact.Kind == PaymentFactKind.Authorized)
            {
                // The automatic capture window (our hold) has passed, so Razorpay will not capture it by itself.
                result.FollowUps.Add(new CaptureFollowUp(order.Id, fact.RazorpayPaymentId, fact.Amount, fact.Currency));
            }

            return result;
        }

        order.NeedsAttention = true;
        if (fact.Kind == PaymentFactKind.Authorized)
        {
            // Not captured, so no money moved: Razorpay returns an authorisation nobody captures (razorpay.md "Capture window").
            Record(order, OrderEventKind.LatePaymentRefunded, source,
                $"Payment {fact.RazorpayPaymentId} of {Rupees(fact.Amount)} was authorized after the order was {closedAs} and its stock is gone; it is not captured, so Razorpay returns it to the customer.", now, data: data);
            return new SettlementResult($"applied: late authorisation {fact.RazorpayPaymentId} left uncaptured (no stock)");
        }

        // Captured money for stock we no longer have: refunded automatically, the intent recorded before the call.
        order.AmountPaid += fact.Amount;
        order.PaidAt ??= now;
        order.RazorpayPaymentId ??= fact.RazorpayPaymentId;
        var refund = new Refund
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            OrderId = order.Id,
            RazorpayPaymentId = payment.RazorpayPaymentId,
            Amount = fact.Amount,
            Reason = $"Late payment for order {order.Number}, which was {closedAs}; its stock is no longer available.",
            Restock = false,
            Status = RefundStatus.Pending,
            RequestedBy = LatePaymentRequester,
        };
        db.Refunds.Add(refund);
        Record(order, OrderEventKind.LatePaymentRefunded, source,
            $"Payment {fact.RazorpayPaymentId} of {Rupees(fact.Amount)} was captured after the order was {closedAs} and its stock is gone; it is refunded in full.", now,
            data: Json(new { razorpayPaymentId = fact.RazorpayPaymentId, amount = fact.Amount, refundId = refund.Id }));
        var refunding = new SettlementResult($"applied: late capture {fact.RazorpayPaymentId} refunded (no stock)");
        refunding.FollowUps.Add(new RefundFollowUp(refund.Id));
        return refunding;
    }

    /// <summary>An order we honoured late stays AUTHORIZED until we capture it; an authorisation seen again retries the capture.</summary>
    private static async Task<CaptureFollowUp?> HonouredCaptureAsync(DiecastDbContext db, Order order, PaymentFact fact, CancellationToken cancellationToken) =>
        order.PaymentStatus == PaymentStatus.Authorized
        && await db.OrderEvents.AnyAsync(e => e.OrderId == order.Id && e.Kind == OrderEventKind.LatePaymentHonoured, cancellationToken)
            ? new CaptureFollowUp(order.Id, fact.RazorpayPaymentId, fact.Amount, fact.Currency)
            : null;

    private async Task<bool> TryReserveAgainAsync(DiecastDbContext db, Order order, PaymentSource source, CancellationToken cancellationToken)
    {
        if (order.ReservationStatus is ReservationStatus.Held or ReservationStatus.Sold)
        {
            return true;
        }

        // All or nothing: on a shortfall OrderStock changed nothing.
        if ((await stock.ReserveAsync(db, order, source.StockActor, cancellationToken)).Count > 0)
        {
            return false;
        }

        // Saved now: SellAsync reads the stored reservation status.
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static async Task<SettlementResult> MismatchAsync(
        DiecastDbContext db, Order order, PaymentSource source, DateTime now, PaymentFact fact, string message, CancellationToken cancellationToken)
    {
        order.NeedsAttention = true;
        Record(order, OrderEventKind.PaymentMismatch, source, message, now,
            data: Json(new { razorpayPaymentId = fact.RazorpayPaymentId, razorpayOrderId = fact.RazorpayOrderId, amount = fact.Amount, currency = fact.Currency, expectedAmount = order.Total, expectedCurrency = Inr }));
        await db.SaveChangesAsync(cancellationToken);
        return new SettlementResult(Truncate("mismatch: " + message, 500));
    }

    private static async Task<Refund?> FindRefundAsync(DiecastDbContext db, int orderId, RefundFact fact, CancellationToken cancellationToken)
    {
        var refund = await db.Refunds.AsTracking().FirstOrDefaultAsync(r => r.RazorpayRefundId == fact.RazorpayRefundId, cancellationToken);
        if (refund is null && fact.Notes.TryGetValue(RefundFact.RefundIdNote, out var note) && Guid.TryParse(note, out var ourId))
        {
            refund = await db.Refunds.AsTracking().FirstOrDefaultAsync(r => r.Id == ourId && r.OrderId == orderId, cancellationToken);
        }

        return refund;
    }

    /// <summary>An order whose hold is over: expired, cancelled, or its stock released.</summary>
    private static bool IsClosed(Order order) =>
        order.PaymentStatus is PaymentStatus.Expired or PaymentStatus.Voided
        || (order.CancelledAt is not null && order.PaymentStatus is PaymentStatus.AwaitingPayment or PaymentStatus.Failed or PaymentStatus.Authorized)
        || (order.ReservationStatus == ReservationStatus.Released && order.PaymentStatus is PaymentStatus.AwaitingPayment or PaymentStatus.Failed or PaymentStatus.Authorized);

    /// <summary>The order's payment statuses in the only direction they move; EXPIRED and VOIDED are outside it (late payments).</summary>
    public static int Rank(PaymentStatus status) => status switch
    {
        PaymentStatus.AwaitingPayment or PaymentStatus.Failed or PaymentStatus.Expired or PaymentStatus.Voided => 0,
        PaymentStatus.Authorized => 1,
        PaymentStatus.Paid => 2,
        PaymentStatus.PartiallyRefunded => 3,
        _ => 4,
    };

    /// <summary>A payment attempt's statuses in order: a failed attempt can still be authorized late (razorpay.md "Late authorisation").</summary>
    public static int Rank(PaymentAttemptStatus status) => status switch
    {
        PaymentAttemptStatus.Created => 0,
        PaymentAttemptStatus.Failed => 1,
        PaymentAttemptStatus.Authorized => 2,
        PaymentAttemptStatus.Captured => 3,
        _ => 4,
    };

    private static int Rank(PaymentFactKind kind) => kind switch
    {
        PaymentFactKind.Failed => 1,
        PaymentFactKind.Authorized => 2,
        _ => 3,
    };

    /// <summary>Appends a timeline event in the source's name (max 500 characters of message).</summary>
    private static void Record(Order order, OrderEventKind kind, PaymentSource source, string message, DateTime now, string? data = null) =>
        order.Record(kind, source.Actor, Truncate(message, 500), now, source.ActorName, data);

    private static SettlementResult WithFollowUp(SettlementResult result, SettlementFollowUp followUp)
    {
        result.FollowUps.Add(followUp);
        return result;
    }

    private static void RequireTransaction(DiecastDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Settling a payment needs the caller's transaction: the order's row lock lasts until it commits.");
        }
    }

    /// <summary>₹1,234.50: rupees as messages show them.</summary>
    public static string Rupees(decimal amount) => "₹" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
