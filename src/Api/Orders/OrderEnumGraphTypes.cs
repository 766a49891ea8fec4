namespace Diecast.Api.Orders;

// The split status's enums as HotChocolate names them: the C# name for the type, SCREAMING_CASE values (AWAITING_PAYMENT).

public sealed class PaymentStatusGraphType : EnumerationGraphType<PaymentStatus>
{
    public PaymentStatusGraphType()
    {
        Name = "PaymentStatus";
        Description = "What happened to the order's money: AWAITING_PAYMENT, AUTHORIZED (held by the bank, not yet captured), PAID, PARTIALLY_REFUNDED, REFUNDED, FAILED (the last attempt failed; the customer may retry), EXPIRED (the hold ran out unpaid) or VOIDED (cancelled before payment).";
    }
}

public sealed class FulfilmentStatusGraphType : EnumerationGraphType<FulfilmentStatus>
{
    public FulfilmentStatusGraphType()
    {
        Name = "FulfilmentStatus";
        Description = "Where the parcel is: UNFULFILLED, FULFILLING (being packed), SHIPPED or DELIVERED. Moves one step forwards, for paid orders only.";
    }
}

public sealed class ReservationStatusGraphType : EnumerationGraphType<ReservationStatus>
{
    public ReservationStatusGraphType()
    {
        Name = "ReservationStatus";
        Description = "The order's hold on stock: NONE (orders from before checkout, and orders of pre-order products only), HELD (taken out of stock until paid or expired), RELEASED (given back) or SOLD.";
    }
}

public sealed class OrderEventKindGraphType : EnumerationGraphType<OrderEventKind>
{
    public OrderEventKindGraphType()
    {
        Name = "OrderEventKind";
        Description = "What a timeline event records.";
    }
}

public sealed class OrderEventActorGraphType : EnumerationGraphType<OrderEventActor>
{
    public OrderEventActorGraphType()
    {
        Name = "OrderEventActor";
        Description = "Who or what made a change: CUSTOMER, ADMIN (actorName says which), RAZORPAY_WEBHOOK, RECONCILIATION (our job asking Razorpay), EXPIRY (the stock hold ran out) or SYSTEM (migrations, demo data).";
    }
}
