using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Diecast.Api.Checkout;
using Diecast.Api.Orders;
using Diecast.GraphQL.Server;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Payments.Razorpay;

/// <summary>
/// Razorpay's order for one of ours, made exactly once (issue 12 "Razorpay client"; razorpay.md §2, §7.1). An attempt first
/// claims the order in one statement (<see cref="Order.RazorpayOrderRequestedAt"/>, a lease of Razorpay's total timeout
/// plus a margin), so two API instances, a double click or a retried placeOrder make one; no transaction or connection is
/// held while Razorpay answers. The stored <see cref="Order.RazorpayOrderId"/> is used when set. The first attempt creates
/// at once; a later one asks Razorpay for an order with our receipt (= our order number) first, since an earlier attempt
/// may have created one whose answer was lost. The id and its PaymentStarted timeline event are stored in one statement,
/// only while no id is stored. The capture window is what is left of the order's stock hold (razorpay.md §2 "Capture
/// window per order"), so a payment authorised after the hold lapsed is not captured by Razorpay on its own.
/// </summary>
public sealed partial class RazorpayOrders(
    IDbContextFactory<DiecastDbContext> contexts,
    IRazorpayClient razorpay,
    RazorpayOrderIds ids,
    IOptions<CheckoutOptions> checkout,
    IOptions<RazorpayOptions> razorpayOptions,
    TimeProvider time,
    ILogger<RazorpayOrders> logger)
{
    /// <summary>The currency of every order: the shop sells in India.</summary>
    public const string Currency = "INR";

    /// <summary>How long past Razorpay's total timeout an attempt keeps its claim: storing the answer takes a moment too.</summary>
    public static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The Razorpay order of <paramref name="order"/> (read from Razorpay), created now if there is none. The order row
    /// gets its RazorpayOrderId and a PaymentStarted timeline event in one statement of this class's own; the
    /// <paramref name="order"/> instance passed is not changed (a DbContext tracking it would otherwise save a stale
    /// version). Throws <see cref="RazorpayException"/> when Razorpay fails (nothing is stored; a later call may succeed
    /// and will find an order created meanwhile), <see cref="InvalidOperationException"/> for an order that cannot be
    /// paid (not PENDING_PAYMENT, cancelled, or its stock hold has ended), <see cref="RazorpayOrderInProgressException"/>
    /// while another attempt is making it (nothing is sent; ask again in a moment), <see cref="ArgumentException"/> for a
    /// total below ₹1.00.
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

    /// <summary>
    /// As <see cref="EnsureIdAsync"/> for an order claimed when it was inserted: placeOrder writes
    /// <see cref="Order.RazorpayOrderRequestedAt"/> = <paramref name="claimedAt"/> in the order's insert, so this attempt
    /// holds the claim without a statement of its own, and creates at once (no attempt can have made one before the order
    /// existed). A failure ends the claim, as in <see cref="EnsureIdAsync"/>.
    /// </summary>
    public async Task<string> CreateClaimedIdAsync(Order order, DateTime claimedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await MakeUnderClaimAsync(db, order.Id, new Claim(order.Number, order.Total, order.HoldExpiresAt, TriedBefore: false), claimedAt, ct)).Id;
    }

    private async Task<(string Id, RazorpayOrder? Created)> EnsureAsync(int orderId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var lease = razorpayOptions.Value.TotalTimeout + ClaimMargin;
        // The claim: only an order still payable, without a Razorpay order, and not claimed by a live attempt.
        var claims = await db.Database.SqlQuery<Claim>($"""
                UPDATE orders o SET razorpay_order_requested_at = {now}
                FROM (SELECT id, razorpay_order_requested_at FROM orders WHERE id = {orderId} FOR NO KEY UPDATE) AS before
                WHERE o.id = before.id
                  AND o.razorpay_order_id IS NULL
                  AND o.payment_status IN ('awaiting_payment', 'failed') AND o.cancelled_at IS NULL
                  AND (o.hold_expires_at IS NULL OR o.hold_expires_at > {now})
                  AND (before.razorpay_order_requested_at IS NULL OR before.razorpay_order_requested_at <= {now - lease})
                RETURNING o.number, o.total, o.hold_expires_at, before.razorpay_order_requested_at IS NOT NULL AS tried_before
                """)
            .ToListAsync(ct);
        if (claims.Count == 0)
        {
            return (await WhyNotClaimedAsync(db, orderId, now, ct), null);
        }

        return await MakeUnderClaimAsync(db, orderId, claims[0], now, ct);
    }

    private async Task<(string Id, RazorpayOrder? Created)> MakeUnderClaimAsync(DiecastDbContext db, int orderId, Claim claim, DateTime claimedAt, CancellationToken ct)
    {
        try
        {
            return await MakeAsync(db, orderId, claim, claimedAt, ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // Razorpay failed or refused: the claim ends now rather than at its lease, so a retry need not wait; it stays
            // "tried", so the retry asks by receipt first (a timed-out create may have made the order).
            await ReleaseClaimAsync(db, orderId, claimedAt, claimedAt - (razorpayOptions.Value.TotalTimeout + ClaimMargin));
            throw;
        }
    }

    /// <summary>Ends this attempt's claim early; if even that fails, the claim simply runs out at its lease.</summary>
    private async Task ReleaseClaimAsync(DiecastDbContext db, int orderId, DateTime claimedAt, DateTime lapsed)
    {
        try
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE orders SET razorpay_order_requested_at = {lapsed} WHERE id = {orderId} AND razorpay_order_requested_at = {claimedAt} AND razorpay_order_id IS NULL",
                CancellationToken.None);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or TimeoutException)
        {
            LogClaimKept(orderId, exception.Message);
        }
    }

    private async Task<(string Id, RazorpayOrder? Created)> MakeAsync(DiecastDbContext db, int orderId, Claim claim, DateTime claimedAt, CancellationToken ct)
    {
        var window = CaptureWindow(claimedAt, claim.HoldExpiresAt);
        var found = claim.TriedBefore ? await razorpay.FindOrderByReceiptAsync(claim.Number, ct) : null;
        var adopted = found is not null && IsOurs(found, orderId, claim.Total);
        if (found is not null && !adopted)
        {
            // Same receipt, another order (a reset database, another environment on the same Razorpay account): not ours.
            LogReceiptTaken(claim.Number, found.Id);
        }

        var razorpayOrder = adopted ? found! : await razorpay.CreateOrderAsync(
            new RazorpayOrderRequest(
                claim.Total,
                Currency,
                claim.Number,
                new Dictionary<string, string>
                {
                    ["order_id"] = orderId.ToString(CultureInfo.InvariantCulture),
                    ["order_number"] = claim.Number,
                },
                window),
            ct);

        var now = time.GetUtcNow().UtcDateTime;
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"Razorpay order {razorpayOrder.Id} {(adopted ? "found by its receipt (an earlier attempt made it)" : "created")} for ₹{razorpayOrder.Amount:0.00} {razorpayOrder.Currency}; captured automatically if paid within {(int)Math.Ceiling(window.TotalMinutes)} minutes.");
        var data = JsonSerializer.Serialize(new
        {
            razorpayOrderId = razorpayOrder.Id,
            amount = razorpayOrder.Amount,
            currency = razorpayOrder.Currency,
            receipt = claim.Number,
            captureWindowMinutes = (int)Math.Ceiling(window.TotalMinutes),
            foundByReceipt = adopted,
        });
        // Stored only while no id is: an attempt whose claim lapsed and was taken over never overwrites the id stored first.
        // Stores arriving together share one statement and commit (RazorpayOrderIds): every placeOrder makes one.
        var stored = await ids.StoreAsync(new RazorpayOrderIdToStore(orderId, razorpayOrder.Id, message, data), ct);
        if (!stored)
        {
            var first = await StoredIdAsync(db, orderId, ct)
                ?? throw new InvalidOperationException($"Order {claim.Number} lost its Razorpay order while this attempt made one.");
            LogAttemptSuperseded(claim.Number, razorpayOrder.Id, first);
            return (first, null);
        }

        return (razorpayOrder.Id, razorpayOrder);
    }

    /// <summary>The stored Razorpay order id when there is one; otherwise why this order cannot get one now (thrown).</summary>
    private static async Task<string> WhyNotClaimedAsync(DiecastDbContext db, int orderId, DateTime now, CancellationToken ct)
    {
        var stored = await db.Orders.AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new { o.Number, o.RazorpayOrderId, o.PaymentStatus, o.CancelledAt, o.HoldExpiresAt })
            .SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"There is no order {orderId}.");
        if (stored.RazorpayOrderId is { } known)
        {
            return known;
        }

        if (stored.PaymentStatus is not (PaymentStatus.AwaitingPayment or PaymentStatus.Failed) || stored.CancelledAt is not null)
        {
            throw new InvalidOperationException(
                $"Order {stored.Number} takes no payment: its payment status is {SchemaNames.EnumValue(stored.PaymentStatus)}{(stored.CancelledAt is null ? "" : " and it is cancelled")}.");
        }

        if (stored.HoldExpiresAt is { } expires && expires <= now)
        {
            throw new InvalidOperationException($"Order {stored.Number} takes no payment: its stock hold ended at {stored.HoldExpiresAt:u}.");
        }

        throw new RazorpayOrderInProgressException(stored.Number);
    }

    private static Task<string?> StoredIdAsync(DiecastDbContext db, int orderId, CancellationToken ct) =>
        db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.RazorpayOrderId).SingleOrDefaultAsync(ct);

    /// <summary>
    /// What is left of the order's stock hold (HoldExpiresAt − now: a retry after Razorpay was down gets a shorter window),
    /// or Checkout:HoldMinutes for an order without a hold; at least Razorpay's 12 minutes.
    /// </summary>
    private TimeSpan CaptureWindow(DateTime now, DateTime? holdExpiresAt)
    {
        var hold = holdExpiresAt is { } expires ? expires - now : checkout.Value.Hold;
        return hold < RazorpayClient.MinimumCaptureWindow ? RazorpayClient.MinimumCaptureWindow : hold;
    }

    private static bool IsOurs(RazorpayOrder found, int orderId, decimal total) =>
        found.Amount == total
        && found.Currency == Currency
        && found.Notes.TryGetValue("order_id", out var id) && id == orderId.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(LogLevel.Warning, "Razorpay order {RazorpayOrderId} has receipt {Receipt} but another amount or order id: a new Razorpay order is made")]
    private partial void LogReceiptTaken(string receipt, string razorpayOrderId);

    [LoggerMessage(LogLevel.Warning, "Order id {OrderId}: its Razorpay claim could not be ended early ({Reason}); it lapses at its lease")]
    private partial void LogClaimKept(int orderId, string reason);

    [LoggerMessage(LogLevel.Warning, "Order {Number}: Razorpay order {RazorpayOrderId} was made by an attempt whose claim had lapsed; {StoredId}, stored first, stands")]
    private partial void LogAttemptSuperseded(string number, string razorpayOrderId, string storedId);

    /// <summary>What a claim returns: what Razorpay's order is made from, and whether an earlier attempt may have made one.</summary>
    private sealed record Claim(string Number, decimal Total, DateTime? HoldExpiresAt, bool TriedBefore);
}
