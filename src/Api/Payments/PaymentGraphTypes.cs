using Diecast.Api.Orders;
using Diecast.Api.Security;

namespace Diecast.Api.Payments;

public sealed class PaymentAttemptStatusGraphType : EnumerationGraphType<PaymentAttemptStatus>
{
    public PaymentAttemptStatusGraphType()
    {
        Name = "PaymentAttemptStatus";
        Description = "Where one Razorpay payment stands: CREATED, AUTHORIZED, CAPTURED, FAILED or REFUNDED.";
    }
}

public sealed class RefundStatusGraphType : EnumerationGraphType<RefundStatus>
{
    public RefundStatusGraphType()
    {
        Name = "RefundStatus";
        Description = "Where a refund stands: PENDING at Razorpay, PROCESSED (final) or FAILED.";
    }
}

/// <summary>One Razorpay payment attempt on an order; read through Order.payments (admins only).</summary>
public sealed class PaymentGraphType : ObjectGraphType<Payment>
{
    public PaymentGraphType()
    {
        Name = "Payment";
        Description = "One Razorpay payment attempt on an order, as Razorpay last reported it.";
        // Staff only however it is reached, as its order is.
        this.RequireAdmin();
        Field(p => p.RazorpayPaymentId).Description("Razorpay's payment id (pay_…).");
        Field(p => p.RazorpayOrderId).Description("Razorpay's order id the payment was made against.");
        Field<NonNullGraphType<PaymentAttemptStatusGraphType>>("status").Description("Where the payment stands.").Resolve(context => context.Source.Status);
        Field(p => p.Amount).Description("Amount in rupees.");
        Field(p => p.Currency).Description("Currency, INR.");
        Field(p => p.Method, nullable: true).Description("card, upi, netbanking, wallet or emi.");
        Field(p => p.ErrorCode, nullable: true).Description("Razorpay's error code for a failed payment.");
        Field(p => p.ErrorDescription, nullable: true).Description("Razorpay's description of why it failed.");
        Field(p => p.CreatedAt).Description("When we first heard of it (UTC).");
        Field(p => p.UpdatedAt).Description("When it last changed (UTC).");
        Field(p => p.CapturedAt, nullable: true).Description("When we learnt it was captured (UTC).");
    }
}

/// <summary>A refund of an order's payment; read through Order.refunds (admins only).</summary>
public sealed class RefundGraphType : ObjectGraphType<Refund>
{
    public RefundGraphType()
    {
        Name = "Refund";
        Description = "Money given back on an order through Razorpay.";
        this.RequireAdmin();
        Field<NonNullGraphType<IdGraphType>>("refundId").Description("Our refund id (its X-Refund-Idempotency key derives from it).").Resolve(context => context.Source.Id.ToString());
        Field(r => r.RazorpayRefundId, nullable: true).Description("Razorpay's refund id (rfnd_…), once Razorpay answered.");
        Field(r => r.RazorpayPaymentId).Description("The payment refunded.");
        Field(r => r.Amount).Description("Amount in rupees.");
        Field(r => r.Reason).Description("Why.");
        Field(r => r.Restock).Description("Whether the units go back in stock when it is processed.");
        Field<NonNullGraphType<RefundStatusGraphType>>("status").Description("Where the refund stands.").Resolve(context => context.Source.Status);
        Field(r => r.RequestedBy).Description("The admin who asked for it, late-payment (automatic), or razorpay (made in Razorpay's dashboard).");
        Field(r => r.FailureReason, nullable: true).Description("Why it failed.");
        Field(r => r.CreatedAt).Description("When it was asked for (UTC).");
        Field(r => r.UpdatedAt).Description("When it last changed (UTC).");
    }
}

public sealed class PaymentConfirmationGraphType : ObjectGraphType<PaymentConfirmation>
{
    public PaymentConfirmationGraphType()
    {
        Name = "PaymentConfirmation";
        Description = "Where an order stands after confirmPayment. PAID once Razorpay captured the payment; an authorized payment leaves it PENDING_PAYMENT until the capture.";
        Field(c => c.Number).Description("The order's number.");
        Field<NonNullGraphType<OrderStatusGraphType>>("status").Description("The order's overall status.").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<PaymentStatusGraphType>>("paymentStatus").Description("What happened to the order's money: PAID once captured, AUTHORIZED while Razorpay holds it uncaptured.").Resolve(context => context.Source.PaymentStatus);
        Field(c => c.Total).Description("What the order costs, in rupees.");
        Field(c => c.AmountPaid).Description("Rupees captured so far.");
    }
}
