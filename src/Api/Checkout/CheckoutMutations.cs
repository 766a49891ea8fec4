namespace Diecast.Api.Checkout;

public static class CheckoutMutations
{
    public static void AddCheckoutMutations(this ObjectGraphType mutation) =>
        // Public: a shopper needs no account. Rate limited per client like every mutation (GraphQL__RateLimit__*).
        mutation.AddMutation<PlaceOrderInputGraphType, CustomerOrderGraphType>("placeOrder")
            .Description(
                "Places an order for a cart: prices, shipping and totals come from the catalog; the stock is held for Checkout__HoldMinutes " +
                "(30 by default) while the customer pays with Razorpay Checkout (`payment`). Sending the same idempotencyKey again returns " +
                "the same order (and starts its payment if that failed before); a different cart under a used key is refused.")
            .PayloadField("order", placed => ((PlacedOrder)placed).Order)
            .PayloadField<StringGraphType>(
                "orderToken",
                "The customer's key to this order without an account (`orderByToken`): keep it, e.g. in the confirmation link. Opaque; does not expire.",
                placed => ((PlacedOrder)placed).OrderToken)
            .PayloadField<CheckoutPaymentGraphType>(
                "payment",
                "What Razorpay Checkout is opened with; null when payment could not start (then `paymentError` says why).",
                placed => ((PlacedOrder)placed).Order.Payment)
            .PayloadField<PaymentUnavailableErrorGraphType>(
                "paymentError",
                "Set when the order was placed but payment could not start yet (Razorpay unreachable): send placeOrder again with the same idempotencyKey. Null otherwise.",
                placed => ((PlacedOrder)placed).PaymentError)
            .Error<ValidationErrorGraphType>()
            .Error<ProductUnavailableErrorGraphType>()
            .Error<InsufficientStockErrorGraphType>()
            .Error<IdempotencyKeyReusedErrorGraphType>()
            .Resolve<PlaceOrderInput, DiecastDbContext, PlaceOrder>((input, db, placeOrder, cancellationToken) => placeOrder.PlaceAsync(input, db, cancellationToken));
}
