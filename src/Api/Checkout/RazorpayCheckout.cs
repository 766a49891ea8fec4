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
    /// Exactly one Razorpay order per order, whatever the retries and instances: an order that was already made is found by
    /// its receipt before another is made (a create whose answer was lost), and the first id stored wins (a conditional
    /// UPDATE), so two racing requests end up naming the same one.
    /// REVIEW: the Razorpay part's RazorpayOrders.EnsureCreatedAsync is the one place for this; this calls the client
    /// directly until it lands, then becomes a call to it.
    /// </summary>
    public async Task<string> EnsureOrderAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.RazorpayOrderId is { } known)
        {
            return known;
        }

        var made = await razorpay.FindOrderByReceiptAsync(order.Number, cancellationToken);
        if (made is null)
        {
            // Razorpay's shortest capture window is 12 minutes; a hold nearer its end than that still gets 12.
            var left = (order.HoldExpiresAt ?? time.GetUtcNow().UtcDateTime) - time.GetUtcNow().UtcDateTime;
            var window = TimeSpan.FromMinutes(Math.Max(CheckoutOptions.MinimumHoldMinutes, Math.Ceiling(left.TotalMinutes)));
            made = await razorpay.CreateOrderAsync(
                new RazorpayOrderRequest(order.Total, "INR", order.Number, new Dictionary<string, string> { ["order_id"] = order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, window),
                cancellationToken);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var stored = await db.Database.SqlQuery<string>($"""
            UPDATE orders SET razorpay_order_id = {made.Id}, updated_at = {time.GetDatabaseUtcNow()}
            WHERE id = {order.Id} AND razorpay_order_id IS NULL
            RETURNING razorpay_order_id AS "Value"
            """).ToListAsync(cancellationToken);
        var id = stored.Count == 1
            ? stored[0]
            : await db.Orders.Where(o => o.Id == order.Id).Select(o => o.RazorpayOrderId).SingleAsync(cancellationToken) ?? made.Id;
        order.RazorpayOrderId = id;
        return id;
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
