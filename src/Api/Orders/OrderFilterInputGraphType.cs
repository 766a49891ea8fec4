using Diecast.GraphQL.Querying.Filtering;

namespace Diecast.Api.Orders;

/// <summary>OrderFilterInput: what admins may filter orders on.</summary>
public sealed class OrderFilterInputGraphType : FilterInputGraphType<Order>
{
    public OrderFilterInputGraphType()
    {
        Name = "OrderFilterInput";
        Filter(o => o.Number);
        Filter(o => o.CustomerName);
        Filter(o => o.CustomerEmail);
        FilterEnum<OrderStatusGraphType, OrderStatus>(o => o.Status);
        FilterEnum<PaymentStatusGraphType, PaymentStatus>(o => o.PaymentStatus);
        FilterEnum<FulfilmentStatusGraphType, FulfilmentStatus>(o => o.FulfilmentStatus);
        Filter(o => o.NeedsAttention);
        Filter(o => o.Subtotal);
        Filter(o => o.Total);
        Filter(o => o.RazorpayOrderId);
        Filter(o => o.CreatedAt);
        FilterList<OrderItemFilterInputGraphType, OrderItem>(o => o.Items);
    }
}
