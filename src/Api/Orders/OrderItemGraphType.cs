using Diecast.Api.Security;
using Diecast.Api.Catalog;
using Diecast.GraphQL.Querying.Projections;
using Diecast.GraphQL.Server.Resolvers;

namespace Diecast.Api.Orders;

public sealed class OrderItemGraphType : ObjectGraphType<OrderItem>
{
    public OrderItemGraphType()
    {
        Name = "OrderItem";
        this.RequireAdmin();
        Description = "One line of an order, with the name and price the product had when it was bought.";
        Field(i => i.ProductName).Description("The product's name when it was bought.");
        Field(i => i.UnitPrice).Description("The price of one unit when it was bought, in rupees.");
        Field(i => i.Quantity).Description("Units bought.");
        Field<NonNullGraphType<DecimalGraphType>>("lineTotal")
            .Description("Unit price times quantity, in rupees.")
            .Projects(nameof(OrderItem.UnitPrice), nameof(OrderItem.Quantity))
            .Resolve(context => context.Source.UnitPrice * context.Source.Quantity);
        Field<NonNullGraphType<ProductGraphType>>("product")
            .Description("The product as it is now (it may since have been archived or repriced).")
            .Projects(nameof(OrderItem.ProductId))
            .ResolveWith((OrderItem item, ProductsByIdDataLoader products) => products.LoadAsync(item.ProductId));
    }
}
