namespace Diecast.Api.Payments;

/// <summary>confirmPayment's signature is not Razorpay's for our stored Razorpay order id and the payment id given.</summary>
public sealed record InvalidPaymentSignatureError(string Message) : IUserError;

public sealed class InvalidPaymentSignatureErrorGraphType : UserErrorGraphType<InvalidPaymentSignatureError>
{
    public InvalidPaymentSignatureErrorGraphType()
        : base("The payment's signature does not match what Razorpay signs for this order. Nothing was changed.", "Why the confirmation was refused.")
    {
    }
}

/// <summary>The order cannot be refunded (as it stands): no captured payment, or nothing left to refund.</summary>
public sealed record RefundNotAllowedError(string Message) : IUserError;

public sealed class RefundNotAllowedErrorGraphType : UserErrorGraphType<RefundNotAllowedError>
{
    public RefundNotAllowedErrorGraphType()
        : base("The order has no captured money left to refund. Nothing was changed.", "Why the order cannot be refunded, naming its payment status.")
    {
    }
}
