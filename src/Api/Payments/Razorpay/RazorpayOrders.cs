using System.Globalization;
using System.Text.Json;
using Diecast.Api.Checkout;
using Diecast.Api.Orders;
using Diecast.GraphQL.Server;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Payments.Razorpay;

/// <summary>
/// Razorpay's order for one of ours, made exactly once (issue 12 "Razorpay client"; razorpay.md §2, §7.1): callers for
/// one order queue on a PostgreSQL advisory lock (so two API instances, a double click or a retried placeOrder make
/// one); the stored <see cref="Order.RazorpayOrderId"/> is used when set; otherwise Razorpay is asked for an order with
/// our receipt (= our order number) first, since an earlier attempt may have created one whose answer was lost; only
/// then is one created. The capture window is what is left of the order's stock hold (razorpay.md §2 "Capture window
/// per order"), so a payment authorised after the hold lapsed is not captured by Razorpay on its own.
/// </summary>
public sealed partial class RazorpayOrders(
    IDbContextFactory<DiecastDbContext> contexts,
    IRazorpayClient razorpay,
    IOptions<CheckoutOptions> checkout,
    TimeProvider time,
    ILogger<RazorpayOrders> logger)
{
    /// <summary>The currency of every order: the shop sells in India.</summary>
    public const string Currency = "INR";

    // The first key of pg_advisory_xact_lock(int, int): this lock's namespace; the second is the order id.
    private const int LockNamespace = 0x52_5A_50_59; // "RZPY"

    /// <summary>
    /// The Razorpay order of <paramref name="order"/> (read from Razorpay), created now if there is none. The order row
    /// gets its RazorpayOrderId and a PaymentStarted timeline event in this class's own short transaction; the
    /// <paramref name="order"/> instance passed is not changed (a DbContext tracking it would otherwise save a stale
    /// version). Throws <see cref="RazorpayException"/> when Razorpay fails (nothing is stored; a later call may succeed
    /// and will find an order created meanwhile), <see cref="InvalidOperationException"/> for an order that cannot be
    /// paid (not PENDING_PAYMENT, cancelled, or its stock hold has ended), <see cref="ArgumentException"/> for a total
    /// below ₹1.00.
    /// </summary>
    public async Task<RazorpayOrder> EnsureCreatedAsync(Order order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        var (id, created) = await EnsureAsync(order.Id, ct);
        return created ?? await razorpay.GetOrderAsync(id, ct);
    }

    /// <summary>
    /// As <see cref="EnsureCreatedAsync"/>, returning only the Razorpay order id: when it is already stored, Razorpay is
    /// not called at all (what a repeated placeOrder needs).
    /// </summary>
    public async Task<string> EnsureIdAsync(int orderId, CancellationToken ct) => (await EnsureAsync(orderId, ct)).Id;

    private async Task<(string Id, RazorpayOrder? Created)> EnsureAsync(int orderId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await StoredAsync(db, orderId, ct);
        if (stored.RazorpayOrderId is { } known)
        {
            return (known, null);
        }

        // REVIEW: the lock's transaction stays open across one Razorpay call (bounded by Razorpay:TotalTimeout); it
        // holds no row lock meanwhile, only this order's advisory lock, so only another EnsureCreated of the same order waits.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockNamespace}, {orderId})", ct);
        stored = await StoredAsync(db, orderId, ct);
        if (stored.RazorpayOrderId is { } madeMeanwhile)
        {
            return (madeMeanwhile, null);
        }

        if (stored.PaymentStatus is not (PaymentStatus.AwaitingPayment or PaymentStatus.Failed) || stored.CancelledAt is not null)
        {
            throw new InvalidOperationException(
                $"Order {stored.Number} takes no payment: its payment status is {SchemaNames.EnumValue(stored.PaymentStatus)}{(stored.CancelledAt is null ? "" : " and it is cancelled")}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (stored.HoldExpiresAt <= now)
        {
            throw new InvalidOperationException($"Order {stored.Number} takes no payment: its stock hold ended at {stored.HoldExpiresAt:u}.");
        }

        var window = CaptureWindow(now, stored.HoldExpiresAt);
        var found = await razorpay.FindOrderByReceiptAsync(stored.Number, ct);
        var adopted = found is not null && IsOurs(found, stored);
        if (found is not null && !adopted)
        {
            // Same receipt, another order (a reset database, another environment on the same Razorpay account): not ours.
            LogReceiptTaken(stored.Number, found.Id);
        }

        var razorpayOrder = adopted ? found! : await razorpay.CreateOrderAsync(
            new RazorpayOrderRequest(
                stored.Total,
                Currency,
                stored.Number,
                new Dictionary<string, string>
                {
                    ["order_id"] = orderId.ToString(CultureInfo.InvariantCulture),
                    ["order_number"] = stored.Number,
                },
                window),
            ct);

        now = time.GetUtcNow().UtcDateTime;
        await db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(
            set => set.SetProperty(o => o.RazorpayOrderId, razorpayOrder.Id).SetProperty(o => o.UpdatedAt, now), ct);
        db.OrderEvents.Add(new OrderEvent
        {
            OrderId = orderId,
            OccurredAt = now,
            Actor = OrderEventActor.System,
            Kind = OrderEventKind.PaymentStarted,
            Message = string.Create(
                CultureInfo.InvariantCulture,
                $"Razorpay order {razorpayOrder.Id} {(adopted ? "found by its receipt (an earlier attempt made it)" : "created")} for ₹{razorpayOrder.Amount:0.00} {razorpayOrder.Currency}; captured automatically if paid within {(int)Math.Ceiling(window.TotalMinutes)} minutes."),
            Data = JsonSerializer.Serialize(new
            {
                razorpayOrderId = razorpayOrder.Id,
                amount = razorpayOrder.Amount,
                currency = razorpayOrder.Currency,
                receipt = stored.Number,
                captureWindowMinutes = (int)Math.Ceiling(window.TotalMinutes),
                foundByReceipt = adopted,
            }),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (razorpayOrder.Id, razorpayOrder);
    }

    /// <summary>
    /// What is left of the order's stock hold (HoldExpiresAt − now: a retry after Razorpay was down gets a shorter window),
    /// or Checkout:HoldMinutes for an order without a hold; at least Razorpay's 12 minutes.
    /// </summary>
    private TimeSpan CaptureWindow(DateTime now, DateTime? holdExpiresAt)
    {
        var hold = holdExpiresAt is { } expires ? expires - now : checkout.Value.Hold;
        return hold < RazorpayClient.MinimumCaptureWindow ? RazorpayClient.MinimumCaptureWindow : hold;
    }

    private static bool IsOurs(RazorpayOrder found, StoredOrder stored) =>
        found.Amount == stored.Total
        && found.Currency == Currency
        && found.Notes.TryGetValue("order_id", out var id) && id == stored.Id.ToString(CultureInfo.InvariantCulture);

    private static async Task<StoredOrder> StoredAsync(DiecastDbContext db, int orderId, CancellationToken ct) =>
        await db.Orders.AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new StoredOrder(o.Id, o.Number, o.Total, o.RazorpayOrderId, o.PaymentStatus, o.CancelledAt, o.CreatedAt, o.HoldExpiresAt))
            .SingleOrDefaultAsync(ct)
        ?? throw new InvalidOperationException($"There is no order {orderId}.");

    [LoggerMessage(LogLevel.Warning, "Razorpay order {RazorpayOrderId} has receipt {Receipt} but another amount or order id: a new Razorpay order is made")]
    private partial void LogReceiptTaken(string receipt, string razorpayOrderId);

    private sealed record StoredOrder(
        int Id, string Number, decimal Total, string? RazorpayOrderId, PaymentStatus PaymentStatus, DateTime? CancelledAt, DateTime CreatedAt, DateTime? HoldExpiresAt);
}
