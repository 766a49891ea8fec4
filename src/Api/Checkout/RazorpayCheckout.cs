using Diecast.Api.Orders;
using Diecast.Api.Payments.Razorpay;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Checkout;

/// <summary>
/// Checkout's side of the Razorpay edge: Razorpay's order for one of ours (amount = our total, receipt = our order
/// number, capture window = what is left of the stock hold, so Razorpay does not capture a payment authorised after we
/// released the stock: razorpay.md §2 "Capture settings") and the options Checkout opens with.
/// </summary>
public sealed class RazorpayCheckout(IRazorpayClient razorpay, IDbContextFactory<DiecastDbContext> databases, IOptions<RazorpayOptions> options, TimeProvider time)
    : IRazorpayCheckout
{
    /// <summary>The shop's name in Razorpay Checkout.</summary>
    public const string ShopName = "Diecast";

    /// <summary>
    /// Exactly one Razorpay order per order, whatever the retries and instances: the order's row is locked while its
    /// Razorpay order is made and stored, so a concurrent request for the same order waits and then finds the id; an
    /// order whose earlier attempt may have made one at Razorpay (a create whose answer was lost) is looked up by its
    /// receipt before another is made.
    /// REVIEW: the row lock is held across the HTTP call (bounded by the client's total timeout); the Razorpay part's
    /// RazorpayOrders.EnsureCreatedAsync is to be the one place for this, and this becomes a call to it when it lands.
    /// </summary>
    public async Task<string> EnsureOrderAsync(Order order, bool mayExistAtRazorpay, CancellationToken cancellationToken)
    {
        if (order.RazorpayOrderId is { } known)
        {
            return known;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = (await db.Database
            .SqlQuery<string?>($"""SELECT razorpay_order_id AS "Value" FROM orders WHERE id = {order.Id} FOR UPDATE""")
            .ToListAsync(cancellationToken)).Single();
        if (stored is null)
        {
            var made = mayExistAtRazorpay ? await razorpay.FindOrderByReceiptAsync(order.Number, cancellationToken) : null;
            if (made is null)
            {
                // Razorpay's shortest capture window is 12 minutes; a hold nearer its end than that still gets 12.
                var now = time.GetUtcNow().UtcDateTime;
                var left = (order.HoldExpiresAt ?? now) - now;
                var window = TimeSpan.FromMinutes(Math.Max(CheckoutOptions.MinimumHoldMinutes, Math.Ceiling(left.TotalMinutes)));
                var notes = new Dictionary<string, string> { ["order_id"] = order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                made = await razorpay.CreateOrderAsync(new RazorpayOrderRequest(order.Total, "INR", order.Number, notes, window), cancellationToken);
            }

            stored = made.Id;
            await db.Database.ExecuteSqlAsync(
                $"UPDATE orders SET razorpay_order_id = {stored}, updated_at = {time.GetDatabaseUtcNow()} WHERE id = {order.Id}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        order.RazorpayOrderId = stored;
        return stored;
    }

    public CheckoutPayment Options(Order order, string razorpayOrderId) => new(
        options.Value.KeyId ?? throw new InvalidOperationException("Razorpay's key id is not configured."),
        razorpayOrderId,
        order.Total,
        RazorpayAmounts.ToPaise(order.Total),
        "INR",
        ShopName,
        $"Order {order.Number}",
        new CheckoutPrefill(order.CustomerName, order.CustomerEmail, order.CustomerPhone),
        order.HoldExpiresAt ?? throw new InvalidOperationException($"Order {order.Number} has no hold to pay within."));
}
