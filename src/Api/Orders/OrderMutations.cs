using System.Security.Claims;
using Diecast.Api.Security;
using Diecast.GraphQL.Server;
using Diecast.GraphQL.Server.Relay;

namespace Diecast.Api.Orders;

/// <summary>The admin's moves on orders; each is stale-screen safe and writes one timeline event (<see cref="OrderMoves"/>).</summary>
public static class OrderMutations
{
    /// <summary>What messages call an order: "No order has this ID."</summary>
    private const string DisplayName = "order";

    private static readonly CancelOrderInputValidator CancelValidator = new();

    public static void AddOrderMutations(this ObjectGraphType mutation)
    {
        mutation.AdminMutation<UpdateOrderStatusInputGraphType, OrderGraphType>("updateOrderStatus")
            .Description("Moves an order by its overall status: to FULFILLING, SHIPPED or DELIVERED (one fulfilment step, paid orders), or to CANCELLED (unpaid orders; as cancelOrder). REFUNDED is refunded with refundOrder. Send the version you read.")
            .PayloadField("order")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Error<InvalidTransitionErrorGraphType>()
            .Error<ConcurrentEditErrorGraphType>()
            .Error<StaleOrderErrorGraphType>()
            .Configure(field => field.DeprecationReason = "Use updateFulfilmentStatus or cancelOrder, which name the status that moves.")
            .Resolve<UpdateOrderStatusInput, DiecastDbContext, OrderStock, ClaimsPrincipal, TimeProvider>(UpdateStatusAsync);

        mutation.AdminMutation<UpdateFulfilmentStatusInputGraphType, OrderGraphType>("updateFulfilmentStatus")
            .Description("Moves a paid order's fulfilment one step: UNFULFILLED → FULFILLING → SHIPPED → DELIVERED. Send the version you read: a move from a stale screen is a StaleOrderError, not applied.")
            .PayloadField("order")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Error<StaleOrderErrorGraphType>()
            .Error<InvalidFulfilmentMoveErrorGraphType>()
            .Resolve<UpdateFulfilmentStatusInput, DiecastDbContext, ClaimsPrincipal, TimeProvider>(UpdateFulfilmentAsync);

        mutation.AdminMutation<CancelOrderInputGraphType, OrderGraphType>("cancelOrder")
            .Description("Cancels an unpaid order (payment AWAITING_PAYMENT or FAILED): payment becomes VOIDED and its held stock goes back on sale. A paid order is refunded with refundOrder instead. Send the version you read. Cancelling a cancelled order changes nothing.")
            .PayloadField("order")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Error<StaleOrderErrorGraphType>()
            .Error<OrderNotCancellableErrorGraphType>()
            .Resolve<CancelOrderInput, DiecastDbContext, OrderStock, ClaimsPrincipal, TimeProvider>(CancelAsync);
    }

    private static async Task<MutationResult> UpdateStatusAsync(
        UpdateOrderStatusInput input, DiecastDbContext db, OrderStock stock, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        var (order, failure) = await FindAsync(db, input.Id, input.Version, cancellationToken);
        if (order is null)
        {
            return failure!;
        }

        var from = order.Status;
        var to = input.Status;
        if (!OrderStatusTransitions.AdminMayMove(from, to))
        {
            return MutationResult.Failure(InvalidTransition(from, to));
        }

        MutationResult result;
        if (to == OrderStatus.Cancelled)
        {
            if (OrderMoves.CheckCancel(order) is { } notCancellable)
            {
                return MutationResult.Failure(new InvalidTransitionError(
                    $"An order that is {SchemaNames.EnumValue(from)} cannot become CANCELLED: {notCancellable.Message}", from, to));
            }

            result = await OrderMoves.CancelAsync(db, stock, order, "Cancelled with updateOrderStatus.", input.Id, AdminName(user), time.GetDatabaseUtcNow(), cancellationToken);
        }
        else
        {
            var fulfilment = FulfilmentFor(to);
            if (OrderMoves.CheckFulfilmentMove(order, fulfilment) is { } invalid)
            {
                return MutationResult.Failure(new InvalidTransitionError($"An order that is {SchemaNames.EnumValue(from)} cannot become {SchemaNames.EnumValue(to)}: {invalid.Message}", from, to));
            }

            result = await OrderMoves.MoveFulfilmentAsync(db, order, fulfilment, input.Id, AdminName(user), time.GetDatabaseUtcNow(), cancellationToken);
        }

        return result;
    }

    private static async Task<MutationResult> UpdateFulfilmentAsync(
        UpdateFulfilmentStatusInput input, DiecastDbContext db, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        var (order, failure) = await FindAsync(db, input.Id, input.Version, cancellationToken);
        if (order is null)
        {
            return failure!;
        }

        return OrderMoves.CheckFulfilmentMove(order, input.Status) is { } invalid
            ? MutationResult.Failure(invalid)
            : await OrderMoves.MoveFulfilmentAsync(db, order, input.Status, input.Id, AdminName(user), time.GetDatabaseUtcNow(), cancellationToken);
    }

    private static async Task<MutationResult> CancelAsync(
        CancelOrderInput input, DiecastDbContext db, OrderStock stock, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = await CancelValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return MutationResult.Invalid(validation);
        }

        var (order, failure) = await FindAsync(db, input.Id, input.Version, cancellationToken);
        if (order is null)
        {
            return failure!;
        }

        return OrderMoves.CheckCancel(order) is { } notCancellable
            ? MutationResult.Failure(notCancellable)
            : await OrderMoves.CancelAsync(db, stock, order, input.Reason, input.Id, AdminName(user), time.GetDatabaseUtcNow(), cancellationToken);
    }

    /// <summary>
    /// The tracked order <paramref name="globalId"/> names, with the version the admin read as the one its UPDATE will
    /// check; or the error: not an order ID, no such order, or (version given and moved) a stale screen.
    /// </summary>
    private static async Task<(Order? Order, MutationResult? Failure)> FindAsync(DiecastDbContext db, string globalId, long? version, CancellationToken cancellationToken)
    {
        if (!NodeId.TryDecodeInt(globalId, OrderGraphType.TypeName, out var id))
        {
            return (null, MutationResult.NotAnId(DisplayName));
        }

        var order = await db.Orders.AsTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return (null, MutationResult.NotFound(DisplayName, globalId));
        }

        // Refused here when it already moved; and the UPDATE's WHERE checks the same version (EF's concurrency token),
        // so a change between this read and the write is refused too, not stacked on top.
        return version is { } seen && seen != order.Version
            ? (null, MutationResult.Failure(OrderMoves.Stale(globalId, order.Status, order.PaymentStatus, order.FulfilmentStatus)))
            : (order, null);
    }

    private static FulfilmentStatus FulfilmentFor(OrderStatus status) => status switch
    {
        OrderStatus.Fulfilling => FulfilmentStatus.Fulfilling,
        OrderStatus.Shipped => FulfilmentStatus.Shipped,
        OrderStatus.Delivered => FulfilmentStatus.Delivered,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Only fulfilment statuses map to a fulfilment move."),
    };

    private static InvalidTransitionError InvalidTransition(OrderStatus from, OrderStatus to)
    {
        var allowed = OrderStatusTransitions.ByAdmin[from];
        var message = to == OrderStatus.Refunded && from is OrderStatus.Paid or OrderStatus.Fulfilling or OrderStatus.Shipped or OrderStatus.Delivered
            ? $"An order that is {SchemaNames.EnumValue(from)} cannot become REFUNDED here: refund it with refundOrder, which returns the money through Razorpay."
            : $"An order that is {SchemaNames.EnumValue(from)} cannot become {SchemaNames.EnumValue(to)}; " +
              (allowed.Length == 0 ? "it is final." : $"it can become {string.Join(" or ", allowed.Select(SchemaNames.EnumValue))}.");
        return new InvalidTransitionError(message, from, to);
    }

    /// <summary>The admin's name for the timeline and stock movements: their token's name.</summary>
    internal static string AdminName(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
