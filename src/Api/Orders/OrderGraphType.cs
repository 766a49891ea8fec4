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
        Field<NonNullGraphType<OrderStatusGraphType>>("status")
            .Description("Where the order stands overall, as a customer understands it; derived by the database from paymentStatus, fulfilmentStatus and cancelledAt: REFUNDED if the payment is REFUNDED; CANCELLED if cancelled, or the payment is VOIDED or EXPIRED; PENDING_PAYMENT while the payment is AWAITING_PAYMENT, AUTHORIZED or FAILED; otherwise (PAID, PARTIALLY_REFUNDED) PAID, FULFILLING, SHIPPED or DELIVERED by fulfilment.")
            .Resolve(context => context.Source.Status);
        Field<NonNullGraphType<PaymentStatusGraphType>>("paymentStatus").Description("What happened to the money; a shipment never changes it.").Resolve(context => context.Source.PaymentStatus);
        Field<NonNullGraphType<FulfilmentStatusGraphType>>("fulfilmentStatus").Description("Where the parcel is; a refund never changes it.").Resolve(context => context.Source.FulfilmentStatus);
        Field<NonNullGraphType<LongGraphType>>("version")
            .Description("Changes whenever the order changes: send it back with updateFulfilmentStatus, cancelOrder or updateOrderStatus, so a move made from a stale screen is refused rather than applied.")
            .Projects(nameof(Order.Version))
            .Resolve(context => (long)context.Source.Version);
        Field(o => o.CancelledAt, nullable: true).Description("When the order was cancelled, by an admin or because its stock hold expired unpaid (UTC); null otherwise.");
        Field<NonNullGraphType<ReservationStatusGraphType>>("reservationStatus").Description("The order's hold on stock.").Resolve(context => context.Source.ReservationStatus);
        Field(o => o.HoldExpiresAt, nullable: true).Description("While reservationStatus is HELD: when the held stock goes back on sale if the order is still unpaid (UTC).");
        Field(o => o.AmountPaid).Description("Rupees captured so far (0 until Razorpay captures a payment).");
        Field(o => o.AmountRefunded).Description("Rupees refunded so far (refunds Razorpay processed).");
        Field(o => o.PaidAt, nullable: true).Description("When the first payment was captured (UTC).");
        Field(o => o.NeedsAttention).Description("Flagged for staff: a payment that did not match the order, a refund that failed, or a late payment that needs a person. The timeline says why.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderEventGraphType>>>>("timeline")
            .Description("Everything that happened to the order, oldest first: who or what (customer, admin, Razorpay webhook, reconciliation, expiry), when, and what.")
            .Projects(nameof(Order.Id))
            .ResolveWith((Order order, OrderEventsByOrderIdDataLoader events) => events.LoadAsync(order.Id));
        Field(o => o.Subtotal).Description("Sum of the items, in rupees.");
        Field(o => o.ShippingFee).Description("Shipping, in rupees.");
        Field(o => o.Total).Description("What the customer pays: subtotal plus shipping, in rupees.");
        Field(o => o.RazorpayOrderId, nullable: true).Description("Razorpay's order id, once payment has started.");
        Field(o => o.RazorpayPaymentId, nullable: true).Description("Razorpay's payment id, once paid.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderItemGraphType>>>>("items")
            .Description("The order's lines.")
            .Projects(nameof(Order.Id))
            .ResolveWith((Order order, OrderItemsByOrderIdDataLoader items) => items.LoadAsync(order.Id));
        Field(o => o.CreatedAt).Description("When the order was placed (UTC).");
        Field(o => o.UpdatedAt).Description("When the order last changed (UTC).");
    }

    protected override IQueryable<Order> Find(DiecastDbContext db, int[] ids, IResolveFieldContext context) =>
        db.Orders.Where(o => ids.Contains(o.Id));
}
