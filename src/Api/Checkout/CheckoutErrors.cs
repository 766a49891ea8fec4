namespace Diecast.Api.Checkout;

/// <summary>A cart line names a product that cannot be bought: unknown, archived, SOLD_OUT or RETIRED.</summary>
public sealed record ProductUnavailableError(string Message, IReadOnlyList<string> Path, string ProductId) : IUserError;

/// <summary>A cart line asks for more units than are in stock; <see cref="Available"/> is what could be bought at that moment.</summary>
public sealed record InsufficientStockError(string Message, IReadOnlyList<string> Path, string ProductId, int Requested, int Available) : IUserError;

/// <summary>The idempotency key already placed an order for a different cart, customer or address; nothing was placed.</summary>
public sealed record IdempotencyKeyReusedError(string Message, IReadOnlyList<string> Path) : IUserError;

/// <summary>
/// The order is placed and its stock held, but Razorpay's order could not be made yet (Razorpay unreachable, slow or
/// refusing). Not in <c>errors</c>: the order exists. Sending placeOrder again with the same idempotency key tries again.
/// </summary>
public sealed record PaymentUnavailableError(string Message, bool Retryable) : IUserError;

public sealed class ProductUnavailableErrorGraphType : UserErrorGraphType<ProductUnavailableError>
{
    public ProductUnavailableErrorGraphType()
        : base("A line names a product that cannot be bought (unknown, archived, SOLD_OUT or RETIRED). Nothing was placed.", "Which line and why.")
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("path")
            .Description("The line's productId in the input, e.g. [\"input\", \"items\", \"2\", \"productId\"].")
            .Resolve(context => context.Source.Path);
        Field<NonNullGraphType<IdGraphType>>("productId").Description("The product ID the line gave.").Resolve(context => context.Source.ProductId);
    }
}

public sealed class InsufficientStockErrorGraphType : UserErrorGraphType<InsufficientStockError>
{
    public InsufficientStockErrorGraphType()
        : base("A line asks for more units than are in stock. Nothing was placed; lower the quantity to at most `available`.", "Which line, and how many are left.")
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("path")
            .Description("The line's quantity in the input, e.g. [\"input\", \"items\", \"0\", \"quantity\"].")
            .Resolve(context => context.Source.Path);
        Field<NonNullGraphType<IdGraphType>>("productId").Description("The product's global ID.").Resolve(context => context.Source.ProductId);
        Field<NonNullGraphType<IntGraphType>>("requested").Description("Units the line asked for.").Resolve(context => context.Source.Requested);
        Field<NonNullGraphType<IntGraphType>>("available").Description("Units in stock when the order was tried (0 or more).").Resolve(context => context.Source.Available);
    }
}

public sealed class IdempotencyKeyReusedErrorGraphType : UserErrorGraphType<IdempotencyKeyReusedError>
{
    public IdempotencyKeyReusedErrorGraphType()
        : base("The idempotency key already placed an order with different lines, customer or address. Nothing was placed; a new cart needs a new key.", "What to do.")
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("path")
            .Description("[\"input\", \"idempotencyKey\"].")
            .Resolve(context => context.Source.Path);
    }
}

public sealed class PaymentUnavailableErrorGraphType : UserErrorGraphType<PaymentUnavailableError>
{
    public PaymentUnavailableErrorGraphType()
        : base(
            "The order was placed and its stock is held, but payment could not be started yet. Send placeOrder again with the same idempotencyKey to try again.",
            "Why payment could not start; never a secret.")
    {
        Field<NonNullGraphType<BooleanGraphType>>("retryable").Description("Whether trying again later may work (true for an outage or a timeout).").Resolve(context => context.Source.Retryable);
    }
}
