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
            .Resolve<UpdateOrderStatusInput, DiecastDbContext, TimeProvider>(UpdateStatusAsync);

    private static async Task<MutationResult> UpdateStatusAsync(UpdateOrderStatusInput input, DiecastDbContext db, TimeProvider time, CancellationToken cancellationToken)
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

        // REVIEW: the overall status is derived from payment and fulfilment now; this maps the old moves onto them until
        // the admin mutations for the split replace it.
        switch (input.Status)
        {
            case OrderStatus.Fulfilling:
                order.FulfilmentStatus = FulfilmentStatus.Fulfilling;
                break;
            case OrderStatus.Shipped:
                order.FulfilmentStatus = FulfilmentStatus.Shipped;
                break;
            case OrderStatus.Delivered:
                order.FulfilmentStatus = FulfilmentStatus.Delivered;
                break;
            case OrderStatus.Cancelled:
                order.PaymentStatus = PaymentStatus.Voided;
                order.CancelledAt = time.GetDatabaseUtcNow();
                break;
            case OrderStatus.Refunded:
                order.PaymentStatus = PaymentStatus.Refunded;
                break;
        }

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
