namespace Diecast.Api.Orders;

public sealed class UpdateOrderStatusInput
{
    public string Id { get; init; } = "";
    public OrderStatus Status { get; init; }
}

public sealed class UpdateOrderStatusInputGraphType : InputObjectGraphType<UpdateOrderStatusInput>
{
    public UpdateOrderStatusInputGraphType()
    {
        Name = "UpdateOrderStatusInput";
        Description = "The order and the status it moves to.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The order's global ID.");
        Field<NonNullGraphType<OrderStatusGraphType>>("status").Description("The next status; only the state machine's moves are allowed.");
    }
}
