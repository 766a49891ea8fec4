using System.Security.Claims;
using Diecast.Api.Orders;
using Diecast.Api.Security;

namespace Diecast.Api.Payments;

public static class PaymentMutations
{
    public static void AddPaymentMutations(this ObjectGraphType mutation)
    {
        mutation.AddMutation<ConfirmPaymentInputGraphType, PaymentConfirmationGraphType>("confirmPayment")
            .Description("Hands over what Razorpay Checkout gave the browser after a payment. The signature is checked against the order's own Razorpay order id; the order becomes PAID when Razorpay reports the payment captured (asked now, or by webhook). Calling it again is harmless.")
            .PayloadField("confirmation")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Error<InvalidPaymentSignatureErrorGraphType>()
            .Resolve<ConfirmPaymentInput, PaymentConfirmations>((input, confirmations, ct) => confirmations.ConfirmAsync(input, ct));

        mutation.AdminMutation<RefundOrderInputGraphType, OrderGraphType>("refundOrder")
            .Description("Refunds a paid order in full or in part through Razorpay, with a reason and optionally putting its units back in stock. The refund is PENDING until Razorpay processes it; see Order.refunds.")
            .PayloadField("order")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Error<RefundNotAllowedErrorGraphType>()
            .Resolve<RefundOrderInput, OrderRefunds, ClaimsPrincipal>((input, refunds, user, ct) => refunds.RefundAsync(input, user, ct));
    }
}
