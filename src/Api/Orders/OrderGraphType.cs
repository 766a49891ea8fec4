using Diecast.Api.Payments;
using Diecast.Api.Security;
using Diecast.GraphQL.Querying.Projections;
using Diecast.GraphQL.Server.Resolvers;

namespace Diecast.Api.Orders;

public sealed class OrderGraphType : EntityNodeGraphType<Order>
{
    public const string TypeName = "Order";

    public OrderGraphType()
        : base(TypeName, "A customer's order.", "The order's global ID.", o => o.Id)
    {
        // Customers' names, addresses and phone numbers: staff only, however the order is reached.
        this.RequireAdmin();
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
            .ResolveWith((Order order, OrderItemsByOrderIdDataLoader items) => items.LoadAsync(order.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PaymentGraphType>>>>("payments")
            .Description("Every Razorpay payment attempt on the order we have heard of, oldest first.")
            .Projects(nameof(Order.Id))
            .ResolveWith((Order order, PaymentsByOrderIdDataLoader payments) => payments.LoadAsync(order.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RefundGraphType>>>>("refunds")
            .Description("The order's refunds (refundOrder, automatic late-payment refunds, refunds made in Razorpay's dashboard), oldest first.")
            .Projects(nameof(Order.Id))
            .ResolveWith((Order order, RefundsByOrderIdDataLoader refunds) => refunds.LoadAsync(order.Id));
        Field(o => o.CreatedAt).Description("When the order was placed (UTC).");
        Field(o => o.UpdatedAt).Description("When the order last changed (UTC).");
    }

    protected override IQueryable<Order> Find(DiecastDbContext db, int[] ids, IResolveFieldContext context) =>
        db.Orders.Where(o => ids.Contains(o.Id));
}
