namespace Diecast.Api.Orders;

/// <summary>
/// updateOrderStatus's moves between overall statuses. The overall status is derived (<see cref="OrderStatuses"/>):
/// PENDING_PAYMENT → CANCELLED is a cancel (unpaid orders only), PAID → FULFILLING → SHIPPED → DELIVERED are fulfilment
/// steps. Payment (→ PAID) is Razorpay's to report, and a refund (→ REFUNDED) is refundOrder's, which moves the money;
/// CANCELLED, REFUNDED and DELIVERED are final here.
/// </summary>
public static class OrderStatusTransitions
{
    /// <summary>The moves an admin may make with updateOrderStatus (each still checked against the payment: see <see cref="OrderMoves"/>).</summary>
    public static readonly IReadOnlyDictionary<OrderStatus, OrderStatus[]> ByAdmin = new Dictionary<OrderStatus, OrderStatus[]>
    {
        [OrderStatus.PendingPayment] = [OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Fulfilling],
        [OrderStatus.Fulfilling] = [OrderStatus.Shipped],
        [OrderStatus.Shipped] = [OrderStatus.Delivered],
        [OrderStatus.Delivered] = [],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Refunded] = [],
    };

    public static bool AdminMayMove(OrderStatus from, OrderStatus to) => ByAdmin.TryGetValue(from, out var next) && next.Contains(to);
}
