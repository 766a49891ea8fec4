namespace Diecast.Api.Orders;

/// <summary>Where an order stands; a native PostgreSQL enum.</summary>
public enum OrderStatus
{
    PendingPayment,
    Paid,
    Fulfilling,
    Shipped,
    Delivered,
    Cancelled,
    Refunded,
}
