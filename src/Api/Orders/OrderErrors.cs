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
