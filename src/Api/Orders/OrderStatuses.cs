namespace Diecast.Api.Orders;

/// <summary>How the overall status follows from the payment and fulfilment statuses, and which payment moves go forward.</summary>
public static class OrderStatuses
{
    /// <summary>
    /// The overall status: refunded wins, then cancelled (or expired, or voided), then pending while no money is captured,
    /// then the fulfilment. The database computes the same in the generated column <c>orders.status</c>
    /// (<see cref="OverallSql"/>); a test checks the two agree for every combination.
    /// </summary>
    public static OrderStatus Overall(PaymentStatus payment, FulfilmentStatus fulfilment, DateTime? cancelledAt) => payment switch
    {
        PaymentStatus.Refunded => OrderStatus.Refunded,
        _ when cancelledAt is not null => OrderStatus.Cancelled,
        PaymentStatus.Expired or PaymentStatus.Voided => OrderStatus.Cancelled,
        PaymentStatus.AwaitingPayment or PaymentStatus.Failed or PaymentStatus.Authorized => OrderStatus.PendingPayment,
        _ => fulfilment switch
        {
            FulfilmentStatus.Fulfilling => OrderStatus.Fulfilling,
            FulfilmentStatus.Shipped => OrderStatus.Shipped,
            FulfilmentStatus.Delivered => OrderStatus.Delivered,
            _ => OrderStatus.Paid,
        },
    };

    /// <summary>The generated column's expression: <see cref="Overall"/> in SQL.</summary>
    public const string OverallSql = """
        CASE
            WHEN payment_status = 'refunded' THEN 'refunded'::order_status
            WHEN cancelled_at IS NOT NULL OR payment_status IN ('expired', 'voided') THEN 'cancelled'::order_status
            WHEN payment_status IN ('awaiting_payment', 'failed', 'authorized') THEN 'pending_payment'::order_status
            WHEN fulfilment_status = 'fulfilling' THEN 'fulfilling'::order_status
            WHEN fulfilment_status = 'shipped' THEN 'shipped'::order_status
            WHEN fulfilment_status = 'delivered' THEN 'delivered'::order_status
            ELSE 'paid'::order_status
        END
        """;

    /// <summary>
    /// How far a payment has gone, for moving only forward: a payment fact of a lower rank than the order's never applies.
    /// Awaiting, failed, expired and voided are all "no money yet" (0): a failed attempt may be followed by a success, and a
    /// payment captured after expiry is a late payment (razorpay.md, Late authorisation).
    /// </summary>
    public static int PaymentRank(PaymentStatus status) => status switch
    {
        PaymentStatus.Authorized => 1,
        PaymentStatus.Paid => 2,
        PaymentStatus.PartiallyRefunded => 3,
        PaymentStatus.Refunded => 4,
        _ => 0,
    };
}
