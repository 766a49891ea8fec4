using Diecast.Api.Security;
using Diecast.GraphQL.Server;
using Diecast.GraphQL.Server.Relay;

namespace Diecast.Api.Orders;

public static class OrderMutations
{
    /// <summary>What messages call an order: "No order has this ID."</summary>
    private const string DisplayName = "order";

    public static void AddOrderMutations(this ObjectGraphType mutation) =>
        mutation.AdminMutation<UpdateOrderStatusInputGraphType, OrderGraphType>("updateOrderStatus")
            .Description("Moves an order along its state machine (see the README): e.g. Paid → Fulfilling → Shipped → Delivered.")
            .PayloadField("order")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Error<InvalidTransitionErrorGraphType>()
            .Error<ConcurrentEditErrorGraphType>()
            .Resolve<UpdateOrderStatusInput, DiecastDbContext>(UpdateStatusAsync);

    private static async Task<MutationResult> UpdateStatusAsync(UpdateOrderStatusInput input, DiecastDbContext db, CancellationToken cancellationToken)
    {
        if (!NodeId.TryDecodeInt(input.Id, OrderGraphType.TypeName, out var id))
        {
            return MutationResult.NotAnId(DisplayName);
        }

        var order = await db.Orders.AsTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return MutationResult.NotFound(DisplayName, input.Id);
        }

        if (!OrderStatusTransitions.AdminMayMove(order.Status, input.Status))
        {
            var allowed = OrderStatusTransitions.ByAdmin[order.Status];
            return MutationResult.Failure(new InvalidTransitionError(
                $"An order that is {SchemaNames.EnumValue(order.Status)} cannot become {SchemaNames.EnumValue(input.Status)}; " +
                (allowed.Length == 0 ? "it is final." : $"it can become {string.Join(" or ", allowed.Select(SchemaNames.EnumValue))}."),
                order.Status,
                input.Status));
        }

        order.Status = input.Status;
        try
        {
            // The row's version is checked: if the order moved since we read it, this move is refused, not stacked on top.
            await WriteOutcomeUnknownException.GuardAsync(() => db.SaveChangesAsync(cancellationToken));
            return MutationResult.Success(order);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MutationResult.Conflict(DisplayName, input.Id);
        }
    }
}
