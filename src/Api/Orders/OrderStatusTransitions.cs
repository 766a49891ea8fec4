namespace Diecast.Api.Orders;

/// <summary>
/// The order state machine: which status may follow which. Payment (PendingPayment → Paid) is the payment
/// provider's to report, never an admin's; Cancelled and Refunded are final.
/// </summary>
public static class OrderStatusTransitions
{
    /// <summary>The moves an admin may make with updateOrderStatus.</summary>
    public static readonly IReadOnlyDictionary<OrderStatus, OrderStatus[]> ByAdmin = new Dictionary<OrderStatus, OrderStatus[]>
    {
        [OrderStatus.PendingPayment] = [OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Fulfilling, OrderStatus.Refunded],
        [OrderStatus.Fulfilling] = [OrderStatus.Shipped, OrderStatus.Refunded],
        [OrderStatus.Shipped] = [OrderStatus.Delivered],
        [OrderStatus.Delivered] = [OrderStatus.Refunded],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Refunded] = [],
    };

    public static bool AdminMayMove(OrderStatus from, OrderStatus to) => ByAdmin.TryGetValue(from, out var next) && next.Contains(to);
}
