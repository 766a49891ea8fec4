namespace Diecast.Api.Payments.Razorpay;

/// <summary>
/// Another attempt (another request or instance) is making this order's Razorpay order right now: nothing was sent to
/// Razorpay; ask again in a moment and the stored id is returned. Thrown by <see cref="RazorpayOrders"/>.
/// </summary>
public sealed class RazorpayOrderInProgressException(string orderNumber)
    : InvalidOperationException($"Order {orderNumber}'s Razorpay order is being made by another request; ask again in a moment.")
{
    /// <summary>Our order number.</summary>
    public string OrderNumber { get; } = orderNumber;
}
