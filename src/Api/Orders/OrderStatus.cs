namespace Diecast.Api.Orders;

/// <summary>
/// Where an order stands, in the words a customer understands; a native PostgreSQL enum. Derived by the database
/// from the payment and fulfilment statuses (<see cref="OrderStatuses.Overall"/>), never written by code.
/// </summary>
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
