using Diecast.Api.Data;
using Diecast.Api.Security;
using Diecast.GraphQL.Querying.Projections;
using Diecast.GraphQL.Server.Relay;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.Orders;

public sealed class OrderGraphType : ObjectGraphType<Order>, INodeGraphType
{
    public const string TypeName = "Order";

    public OrderGraphType()
    {
        Name = TypeName;
        Description = "A customer's order.";
        // Customers' names, addresses and phone numbers: staff only, however the order is reached.
        this.RequireAdmin();
        Interface<NodeInterface>();

        Field<NonNullGraphType<IdGraphType>>("id").Description("The order's global ID.").Resolve(context => NodeId.Encode(TypeName, context.Source.Id));
        Field(o => o.Number).Description("The number customers quote, e.g. DC-10042.");
        Field(o => o.CustomerName).Description("Who ordered.");
        Field(o => o.CustomerEmail).Description("Where order mail goes.");
        Field(o => o.CustomerPhone).Description("The customer's phone number.");
        Field<NonNullGraphType<ShippingAddressGraphType>>("shippingAddress")
            .Description("Where the order is delivered.")
            .Projects(nameof(Order.ShippingAddress))
            .Resolve(context => context.Source.ShippingAddress);
        Field<NonNullGraphType<OrderStatusGraphType>>("status").Description("Where the order stands.").Resolve(context => context.Source.Status);
        Field(o => o.Subtotal).Description("Sum of the items, in rupees.");
        Field(o => o.ShippingFee).Description("Shipping, in rupees.");
        Field(o => o.Total).Description("What the customer pays: subtotal plus shipping, in rupees.");
        Field(o => o.RazorpayOrderId, nullable: true).Description("Razorpay's order id, once payment has started.");
        Field(o => o.RazorpayPaymentId, nullable: true).Description("Razorpay's payment id, once paid.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderItemGraphType>>>>("items")
            .Description("The order's lines.")
            .Projects(nameof(Order.Id))
            .Resolve(context => context.RequestServices!.GetRequiredService<OrderItemsByOrderIdDataLoader>().LoadAsync(context.Source.Id));
        Field(o => o.CreatedAt).Description("When the order was placed (UTC).");
        Field(o => o.UpdatedAt).Description("When the order last changed (UTC).");
    }

    public Task<IReadOnlyDictionary<string, object>> ResolveNodesAsync(IResolveFieldContext context, IReadOnlyCollection<string> keys) =>
        EntityNodeLookup.ByIntKeysAsync(context, keys, (db, ids) => db.Orders.Where(o => ids.Contains(o.Id)), o => o.Id);
}
