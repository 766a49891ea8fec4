namespace Diecast.Api.Orders;

public sealed class UpdateOrderStatusInput
{
    public string Id { get; init; } = "";

    public OrderStatus Status { get; init; }

    /// <summary>The order's version as the admin read it (Order.version): a move from a screen the order has changed since is refused.</summary>
    public long Version { get; init; }
}

public sealed class UpdateOrderStatusInputGraphType : InputObjectGraphType<UpdateOrderStatusInput>
{
    public UpdateOrderStatusInputGraphType()
    {
        Name = "UpdateOrderStatusInput";
        Description = "The order, the status it moves to, and the version you read.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The order's global ID.");
        Field<NonNullGraphType<OrderStatusGraphType>>("status").Description("The next status: FULFILLING, SHIPPED or DELIVERED (one fulfilment step) or CANCELLED (unpaid orders); REFUNDED goes through refundOrder.");
        Field<NonNullGraphType<LongGraphType>>("version").Description("The order's version as you read it (Order.version): if the order changed since, the move is a StaleOrderError, not applied.");
    }
}

/// <summary>updateFulfilmentStatus: one step of fulfilment for a paid order.</summary>
public sealed class UpdateFulfilmentStatusInput
{
    public string Id { get; init; } = "";

    public long Version { get; init; }

    public FulfilmentStatus Status { get; init; }
}

public sealed class UpdateFulfilmentStatusInputGraphType : InputObjectGraphType<UpdateFulfilmentStatusInput>
{
    public UpdateFulfilmentStatusInputGraphType()
    {
        Name = "UpdateFulfilmentStatusInput";
        Description = "The order, the version you read, and its next fulfilment status.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The order's global ID.");
        Field<NonNullGraphType<LongGraphType>>("version").Description("The order's version as you read it; if the order changed since, the move is a StaleOrderError, not applied.");
        Field<NonNullGraphType<FulfilmentStatusGraphType>>("status").Description("The next fulfilment status: one step forwards (UNFULFILLED → FULFILLING → SHIPPED → DELIVERED).");
    }
}

/// <summary>cancelOrder: cancels an unpaid order and gives its held stock back.</summary>
public sealed class CancelOrderInput
{
    public string Id { get; init; } = "";

    public long Version { get; init; }

    public string Reason { get; init; } = "";
}

public sealed class CancelOrderInputGraphType : InputObjectGraphType<CancelOrderInput>
{
    public CancelOrderInputGraphType()
    {
        Name = "CancelOrderInput";
        Description = "The order, the version you read, and why it is cancelled.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The order's global ID.");
        Field<NonNullGraphType<LongGraphType>>("version").Description("The order's version as you read it; if the order changed since, the cancel is a StaleOrderError, not applied.");
        Field<NonNullGraphType<StringGraphType>>("reason").Description($"Why, for the timeline (1 to {OrderMoves.MaxReasonLength} characters).");
    }
}

public sealed class CancelOrderInputValidator : InputValidator<CancelOrderInput>
{
    public CancelOrderInputValidator() => RuleFor(i => i.Reason).Text(OrderMoves.MaxReasonLength);
}
