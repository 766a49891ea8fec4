using Diecast.Api.Orders;

namespace Diecast.Api.Checkout;

/// <summary>
/// What checkout needs from the Razorpay edge (src/Api/Payments/Razorpay): Razorpay's order for one of ours, made
/// exactly once whatever the retries and instances, and the options the browser opens Checkout with. One seam, so a
/// test can make Razorpay fail without a network.
/// </summary>
public interface IRazorpayCheckout
{
    /// <summary>Razorpay's order id for <paramref name="order"/>, made now if it is not yet (and stored on the order).</summary>
    /// <exception cref="Exception">Razorpay or the database failed; the order itself is unchanged.</exception>
    Task<string> EnsureOrderAsync(Order order, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="EnsureOrderAsync"/> for an order whose caller claimed the making of Razorpay's order when it
    /// inserted it (<see cref="Order.RazorpayOrderRequestedAt"/> = <paramref name="claimedAt"/>): nothing is claimed
    /// again, and Razorpay is asked to create at once (nothing can have made one yet).
    /// </summary>
    /// <exception cref="Exception">Razorpay or the database failed; the claim is ended, the order itself is unchanged.</exception>
    Task<string> CreateClaimedOrderAsync(Order order, DateTime claimedAt, CancellationToken cancellationToken);

    /// <summary>Checkout's options for <paramref name="order"/>, paid through Razorpay's order <paramref name="razorpayOrderId"/>.</summary>
    CheckoutPayment Options(Order order, string razorpayOrderId);
}
