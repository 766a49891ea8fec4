using System.Security.Claims;
using Diecast.Api.Orders;
using Diecast.Api.Payments.Razorpay;
using Diecast.GraphQL.Server;
using Diecast.GraphQL.Server.Relay;

namespace Diecast.Api.Payments;

/// <summary>
/// refundOrder: records the refund (PENDING) with its timeline event in one transaction under the order's row lock,
/// then asks Razorpay with <c>X-Refund-Idempotency</c> derived from our refund id (razorpay.md §5); Razorpay's answer,
/// or the refund.processed/refund.failed webhooks, settle it through <see cref="PaymentSettlement"/>.
/// </summary>
public sealed class OrderRefunds(IDbContextFactory<DiecastDbContext> contexts, PaymentFollowUps followUps, TimeProvider time, ILogger<OrderRefunds> logger)
{
    private const string DisplayName = "order";

    public async Task<MutationResult> RefundAsync(RefundOrderInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        if (!NodeId.TryDecodeInt(input.Id, OrderGraphType.TypeName, out var id))
        {
            return MutationResult.NotAnId(DisplayName);
        }

        var reason = input.Reason.Trim();
        if (reason.Length is 0 or > 500)
        {
            return Invalid("reason", "reason must be 1 to 500 characters.");
        }

        if (input.Amount is { } asked && (asked <= 0 || decimal.Round(asked, 2) != asked))
        {
            return Invalid("amount", "amount must be more than zero rupees, with at most two decimals (paise).");
        }

        var admin = user.Identity?.Name ?? "unknown";
        var now = time.GetDatabaseUtcNow();
        Order order;
        Refund refund;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The row lock makes concurrent refunds of one order take turns, each seeing what the others asked for.
            var locked = await PaymentSettlement.LockOrderAsync(db, id, cancellationToken);
            if (locked is null)
            {
                return MutationResult.NotFound(DisplayName, input.Id);
            }

            order = locked;
            if (order.PaymentStatus is not (PaymentStatus.Paid or PaymentStatus.PartiallyRefunded) || order.RazorpayPaymentId is null)
            {
                return MutationResult.Failure(new RefundNotAllowedError(
                    $"Only an order whose payment is {SchemaNames.EnumValue(PaymentStatus.Paid)} or {SchemaNames.EnumValue(PaymentStatus.PartiallyRefunded)} can be refunded; this one's is {SchemaNames.EnumValue(order.PaymentStatus)}."));
            }

            var earlier = await db.Refunds.Where(r => r.OrderId == id && r.Status != RefundStatus.Failed).ToListAsync(cancellationToken);
            // Pending refunds count: money asked back but not yet returned cannot be asked for twice.
            var left = order.AmountPaid - earlier.Sum(r => r.Amount);
            if (left <= 0)
            {
                return MutationResult.Failure(new RefundNotAllowedError(
                    $"Everything paid ({PaymentSettlement.Rupees(order.AmountPaid)}) is refunded or being refunded already."));
            }

            var amount = input.Amount ?? left;
            if (amount > left)
            {
                return Invalid("amount", $"amount must be at most {PaymentSettlement.Rupees(left)}, what is paid and not yet refunded or being refunded (it is {PaymentSettlement.Rupees(amount)}).");
            }

            if (input.Restock && (order.ReservationStatus != ReservationStatus.Sold || earlier.Any(r => r.Restock)))
            {
                return Invalid("restock", "restock must be false: the order's units are not sold stock, or an earlier refund puts them back already.");
            }

            refund = new Refund
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                OrderId = id,
                RazorpayPaymentId = order.RazorpayPaymentId,
                Amount = amount,
                Reason = reason,
                Restock = input.Restock,
                Status = RefundStatus.Pending,
                RequestedBy = admin,
            };
            db.Refunds.Add(refund);
            order.Record(OrderEventKind.RefundRequested, OrderEventActor.Admin,
                $"Refund of {PaymentSettlement.Rupees(amount)} asked for{(input.Restock ? ", units to go back in stock" : "")}: {Truncate(reason, 300)}", now, admin,
                System.Text.Json.JsonSerializer.Serialize(new { refundId = refund.Id, amount, restock = input.Restock }, System.Text.Json.JsonSerializerOptions.Web));
            await db.SaveChangesAsync(cancellationToken);
            await WriteOutcomeUnknownException.GuardAsync(async () =>
            {
                await transaction.CommitAsync(cancellationToken);
                return true;
            });
        }

        // Committed: from here on the mutation succeeds whatever Razorpay says; a refund Razorpay did not answer stays
        // PENDING and reconciliation sends it again with the same key.
        try
        {
            await followUps.SendRefundAsync(refund.Id, PaymentSource.Admin(admin), cancellationToken);
        }
        catch (Exception exception) when (exception is RazorpayException or HttpRequestException or TimeoutException || Data.DatabaseFailure.Of(exception) is not null)
        {
            logger.LogWarning(
                "Refund {RefundId} of order {OrderId} is recorded but Razorpay did not complete it ({Message}): a refusal marks it FAILED and flags the order, an unanswered one stays PENDING and reconciliation resends it",
                refund.Id,
                id,
                exception.Message);
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return MutationResult.Success(await db.Orders.FirstAsync(o => o.Id == id, cancellationToken));
        }
        catch (Exception exception) when (Data.DatabaseFailure.Of(exception) is not null)
        {
            // What the mutation's own transaction wrote: the refund is asked for.
            return MutationResult.Success(order);
        }
    }

    private static MutationResult Invalid(string field, string message) =>
        MutationResult.Failure(new ValidationError(message, [MutationConventions.InputArgument, field]));

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
