using Diecast.Api.Orders;
using Diecast.Api.Payments.Razorpay;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Checkout;

/// <summary>
/// Checkout's side of the Razorpay edge: Razorpay's order for one of ours, made exactly once by
/// <see cref="RazorpayOrders"/> (amount = our total, receipt = our order number, capture window = what is left of the
/// stock hold: razorpay.md §2), and the options Checkout opens with.
/// </summary>
public sealed class RazorpayCheckout(RazorpayOrders razorpayOrders, IOptions<RazorpayOptions> options) : IRazorpayCheckout
{
    /// <summary>The shop's name in Razorpay Checkout.</summary>
    public const string ShopName = "Diecast";

    public async Task<string> EnsureOrderAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.RazorpayOrderId is { } known)
        {
            return known;
        }

        // RazorpayOrders stores the id in its own transaction; the instance the answer is built from learns it here.
        var id = await razorpayOrders.EnsureIdAsync(order.Id, cancellationToken);
        order.RazorpayOrderId = id;
        return id;
    }

    public async Task<string> CreateClaimedOrderAsync(Order order, DateTime claimedAt, CancellationToken cancellationToken)
    {
        var id = await razorpayOrders.CreateClaimedIdAsync(order, claimedAt, cancellationToken);
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
