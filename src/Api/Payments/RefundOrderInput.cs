namespace Diecast.Api.Payments;

public sealed class RefundOrderInput
{
    public string Id { get; init; } = "";

    /// <summary>Rupees; null means everything paid and not yet refunded.</summary>
    public decimal? Amount { get; init; }

    public string Reason { get; init; } = "";

    public bool Restock { get; init; }
}

public sealed class RefundOrderInputGraphType : InputObjectGraphType<RefundOrderInput>
{
    public RefundOrderInputGraphType()
    {
        Name = "RefundOrderInput";
        Description = "Which order to refund, how much and why.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The order's global ID.");
        Field<DecimalGraphType>("amount").Description("Rupees to refund, more than zero, at most two decimals, at most what was paid and not yet refunded (or asked for). Left out: all of that.");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why, for the timeline and Razorpay's notes (1 to 500 characters).");
        Field<NonNullGraphType<BooleanGraphType>>("restock").DefaultValue(false).Description("Put the order's units back in stock once the refund is processed (once per order).");
    }
}

public sealed class ConfirmPaymentInput
{
    public string? OrderToken { get; init; }

    public string? Number { get; init; }

    public string RazorpayOrderId { get; init; } = "";

    public string RazorpayPaymentId { get; init; } = "";

    public string RazorpaySignature { get; init; } = "";
}

public sealed class ConfirmPaymentInputGraphType : InputObjectGraphType<ConfirmPaymentInput>
{
    public ConfirmPaymentInputGraphType()
    {
        Name = "ConfirmPaymentInput";
        Description = "What Razorpay Checkout hands the browser after a payment (its handler's razorpay_order_id, razorpay_payment_id, razorpay_signature), and the order it is for.";
        Field<StringGraphType>("orderToken").Description("The order token placeOrder returned; or give number.");
        Field<StringGraphType>("number").Description("The order's number (e.g. DC-10042), when there is no token.");
        Field<NonNullGraphType<StringGraphType>>("razorpayOrderId").Description("razorpay_order_id from Checkout; must be the order's own.");
        Field<NonNullGraphType<StringGraphType>>("razorpayPaymentId").Description("razorpay_payment_id from Checkout.");
        Field<NonNullGraphType<StringGraphType>>("razorpaySignature").Description("razorpay_signature from Checkout (lowercase hex HMAC-SHA256).");
    }
}
