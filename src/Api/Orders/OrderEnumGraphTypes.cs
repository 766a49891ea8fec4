namespace Diecast.Api.Orders;

// Stand-in until the orders branch's file of the same path and names is merged; theirs wins.
public sealed class PaymentStatusGraphType : EnumerationGraphType<PaymentStatus>
{
    public PaymentStatusGraphType()
    {
        Name = "PaymentStatus";
        Description = "Where an order's money stands: awaiting payment, authorized, paid, partially refunded, refunded, failed, expired or voided.";
    }
}

public sealed class FulfilmentStatusGraphType : EnumerationGraphType<FulfilmentStatus>
{
    public FulfilmentStatusGraphType()
    {
        Name = "FulfilmentStatus";
        Description = "Where an order's parcel stands: unfulfilled, being packed, shipped or delivered.";
    }
}
