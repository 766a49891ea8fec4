using Diecast.GraphQL.Querying.Sorting;

namespace Diecast.Api.Orders;

public sealed class OrderSortInputGraphType : SortInputGraphType<Order>
{
    public OrderSortInputGraphType()
    {
        Name = "OrderSortInput";
        Sort(o => o.Number);
        Sort(o => o.CustomerName);
        Sort(o => o.Status);
        Sort(o => o.PaymentStatus);
        Sort(o => o.FulfilmentStatus);
        Sort(o => o.NeedsAttention);
        Sort(o => o.Total);
        Sort(o => o.CreatedAt);
    }
}
