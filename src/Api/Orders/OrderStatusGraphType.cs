namespace Diecast.Api.Orders;

public sealed class OrderStatusGraphType : EnumerationGraphType<OrderStatus>
{
    public OrderStatusGraphType()
    {
        Name = "OrderStatus";
        Description = "Where an order stands: awaiting payment, paid, being packed, shipped, delivered, cancelled or refunded.";
    }
}
