namespace Diecast.Api.Orders;

/// <summary>An order's status moved only along <see cref="OrderStatusTransitions"/>.</summary>
public sealed record InvalidTransitionError(string Message, OrderStatus From, OrderStatus To) : IUserError;

public sealed class InvalidTransitionErrorGraphType : UserErrorGraphType<InvalidTransitionError>
{
    public InvalidTransitionErrorGraphType()
        : base("The order cannot move from its status to the one asked for. Nothing was changed.", "Which move was refused and which are allowed.")
    {
        Field<NonNullGraphType<OrderStatusGraphType>>("from").Description("The order's status.").Resolve(context => context.Source.From);
        Field<NonNullGraphType<OrderStatusGraphType>>("to").Description("The status asked for.").Resolve(context => context.Source.To);
    }
}

/// <summary>
/// The order changed since the admin read it (its version moved): the move was made from a stale screen and is refused.
/// Carries where the order stands now, so the screen can say it without another read.
/// </summary>
public sealed record StaleOrderError(string Message, string Id, OrderStatus Status, PaymentStatus PaymentStatus, FulfilmentStatus FulfilmentStatus) : IUserError;

public sealed class StaleOrderErrorGraphType : UserErrorGraphType<StaleOrderError>
{
    public StaleOrderErrorGraphType()
        : base("The order changed since you read it (its version moved), so a move made from that screen was refused. Nothing was changed; read the order again and decide.", "What the order is now.")
    {
        Field<NonNullGraphType<IdGraphType>>("id").Description("The order that changed.").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<OrderStatusGraphType>>("status").Description("Its overall status now.").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<PaymentStatusGraphType>>("paymentStatus").Description("Its payment status now.").Resolve(context => context.Source.PaymentStatus);
        Field<NonNullGraphType<FulfilmentStatusGraphType>>("fulfilmentStatus").Description("Its fulfilment status now.").Resolve(context => context.Source.FulfilmentStatus);
    }
}

/// <summary>A fulfilment move the order cannot make: not one step forwards, or the order is not paid.</summary>
public sealed record InvalidFulfilmentMoveError(string Message, FulfilmentStatus From, FulfilmentStatus To, PaymentStatus PaymentStatus) : IUserError;

public sealed class InvalidFulfilmentMoveErrorGraphType : UserErrorGraphType<InvalidFulfilmentMoveError>
{
    public InvalidFulfilmentMoveErrorGraphType()
        : base("The order's fulfilment cannot move to the status asked for: fulfilment moves one step forwards, and only for orders that are PAID or PARTIALLY_REFUNDED. Nothing was changed.", "Which move was refused and why.")
    {
        Field<NonNullGraphType<FulfilmentStatusGraphType>>("from").Description("The order's fulfilment status.").Resolve(context => context.Source.From);
        Field<NonNullGraphType<FulfilmentStatusGraphType>>("to").Description("The fulfilment status asked for.").Resolve(context => context.Source.To);
        Field<NonNullGraphType<PaymentStatusGraphType>>("paymentStatus").Description("The order's payment status, which may be why.").Resolve(context => context.Source.PaymentStatus);
    }
}

/// <summary>An order that cannot be cancelled: money was paid (refund it instead), is held by the bank, or the order is final.</summary>
public sealed record OrderNotCancellableError(string Message, OrderStatus Status, PaymentStatus PaymentStatus) : IUserError;

public sealed class OrderNotCancellableErrorGraphType : UserErrorGraphType<OrderNotCancellableError>
{
    public OrderNotCancellableErrorGraphType()
        : base("Only unpaid orders (payment AWAITING_PAYMENT or FAILED) can be cancelled; a paid order is refunded with refundOrder. Nothing was changed.", "Why the order cannot be cancelled and what to do instead.")
    {
        Field<NonNullGraphType<OrderStatusGraphType>>("status").Description("The order's overall status.").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<PaymentStatusGraphType>>("paymentStatus").Description("The order's payment status.").Resolve(context => context.Source.PaymentStatus);
    }
}
