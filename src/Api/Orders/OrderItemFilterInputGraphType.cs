using Diecast.Api.Catalog;
using Diecast.GraphQL.Querying.Filtering;

namespace Diecast.Api.Orders;

public sealed class OrderItemFilterInputGraphType : FilterInputGraphType<OrderItem>
{
    public OrderItemFilterInputGraphType()
    {
        Name = "OrderItemFilterInput";
        Filter(i => i.ProductName);
        Filter(i => i.UnitPrice);
        Filter(i => i.Quantity);
        FilterObject<ProductFilterInputGraphType, Product>(i => i.Product);
    }
}
