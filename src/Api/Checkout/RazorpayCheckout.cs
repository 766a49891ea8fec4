using Diecast.Api.Orders;

namespace Diecast.Api.Checkout;

// REVIEW: stand-in until the Razorpay edge is merged into this branch (razorpay-ready); placeOrder then reports
// PaymentUnavailableError for every order, which its callers already handle.
internal sealed class RazorpayCheckout : IRazorpayCheckout
{
    public Task<string> EnsureOrderAsync(Order order, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The Razorpay edge is not in this build yet.");

    public CheckoutPayment Options(Order order, string razorpayOrderId) =>
        throw new InvalidOperationException("The Razorpay edge is not in this build yet.");
}
