using Diecast.Api.Data;
using Diecast.Api.Security;
using Diecast.GraphQL.Server;
using Diecast.GraphQL.Server.Mutations;
using Diecast.GraphQL.Server.Relay;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.Orders;

public static class OrderMutations
{
    private const string Thing = "order";

    public static void AddOrderMutations(this ObjectGraphType mutation) =>
        mutation.AdminMutation<UpdateOrderStatusInputGraphType, OrderGraphType>(
            "updateOrderStatus", "order", "Moves an order along its state machine (see the README): e.g. Paid → Fulfilling → Shipped → Delivered.",
            [typeof(ValidationErrorGraphType), typeof(NotFoundErrorGraphType), typeof(InvalidTransitionErrorGraphType), typeof(ConcurrentEditErrorGraphType)],
            UpdateStatusAsync);

    private static async Task<MutationResult> UpdateStatusAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<UpdateOrderStatusInput>(MutationConventions.InputArgument);
        if (!NodeId.TryDecodeInt(input.Id, OrderGraphType.TypeName, out var id))
        {
            return MutationResult.NotAnId(Thing);
        }

        await using var db = await context.CreateDbContextAsync();
        var order = await db.Orders.AsTracking().FirstOrDefaultAsync(o => o.Id == id, context.CancellationToken);
        if (order is null)
        {
            return MutationResult.NotFound(Thing, input.Id);
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
            await WriteOutcomeUnknownException.GuardAsync(() => db.SaveChangesAsync(context.CancellationToken));
            return MutationResult.Success(order);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MutationResult.Conflict(Thing, input.Id);
        }
    }
}
