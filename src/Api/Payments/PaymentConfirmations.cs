using Diecast.Api.Checkout;
using Diecast.Api.Orders;
using Diecast.Api.Payments.Razorpay;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Payments;

/// <summary>What confirmPayment answers: where the order stands after the confirmation, nothing personal.</summary>
public sealed record PaymentConfirmation(string Number, OrderStatus Status, PaymentStatus PaymentStatus, decimal Total, decimal AmountPaid);

/// <summary>
/// confirmPayment: the browser's proof from Razorpay Checkout. The signature is checked against the Razorpay order
/// id WE stored (razorpay.md §3 "Verifying the checkout signature": HMAC-SHA256 with the key secret, constant-time), and
/// proves only that the data came from Razorpay; the payment itself is then fetched and settled through
/// <see cref="PaymentSettlement"/> (captured → PAID; authorized → stays pending until the capture).
/// </summary>
public sealed class PaymentConfirmations(
    IDbContextFactory<DiecastDbContext> contexts,
    IRazorpayClient razorpay,
    PaymentSettlement settlement,
    PaymentFollowUps followUps,
    OrderTokens tokens,
    IOptionsMonitor<RazorpayOptions> options,
    ILogger<PaymentConfirmations> logger)
{
    /// <summary>
    /// Errors: <see cref="ValidationError"/> (neither order token nor number), <see cref="NotFoundError"/> (no such
    /// order, or not the Razorpay order id it has; the same error either way, so it tells nothing about other orders),
    /// <see cref="InvalidPaymentSignatureError"/>. Calling it again changes nothing more.
    /// </summary>
    public async Task<MutationResult> ConfirmAsync(ConfirmPaymentInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var number = input.Number?.Trim();
        var hasToken = !string.IsNullOrEmpty(input.OrderToken);
        if (!hasToken && string.IsNullOrEmpty(number))
        {
            return MutationResult.Failure(new ValidationError(
                "orderToken or number must be given: the token placeOrder returned, or the order's number (e.g. DC-10042).", [MutationConventions.InputArgument, "orderToken"]));
        }

        Order? order = null;
        var tokenOrderId = 0;
        // A token that does not open is the same answer as an unknown order: nothing tells a guess from a near miss.
        if (!hasToken || tokens.TryOpen(input.OrderToken, out tokenOrderId, out _))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            order = hasToken
                ? await db.Orders.FirstOrDefaultAsync(o => o.Id == tokenOrderId, cancellationToken)
                : await db.Orders.FirstOrDefaultAsync(o => o.Number == number, cancellationToken);
        }

        if (order?.RazorpayOrderId is null || !string.Equals(order.RazorpayOrderId, input.RazorpayOrderId, StringComparison.Ordinal))
        {
            return MutationResult.Failure(new NotFoundError("No order matches this payment.", hasToken ? "orderToken" : number!));
        }

        var keySecret = options.CurrentValue.KeySecret;
        if (string.IsNullOrEmpty(keySecret)
            || !RazorpaySignatures.IsValidCheckoutSignature(order.RazorpayOrderId, input.RazorpayPaymentId, input.RazorpaySignature, keySecret))
        {
            logger.LogWarning("confirmPayment for order {Number}: the signature does not match", order.Number);
            return MutationResult.Failure(new InvalidPaymentSignatureError("razorpaySignature is not Razorpay's signature of this order's payment."));
        }

        try
        {
            var payment = await razorpay.GetPaymentAsync(input.RazorpayPaymentId, cancellationToken);
            if (PaymentFact.From(payment) is { } fact)
            {
                SettlementResult result;
                await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    result = await settlement.ApplyAsync(db, fact, PaymentSource.Customer, cancellationToken);
                    await WriteOutcomeUnknownException.GuardAsync(async () =>
                    {
                        await transaction.CommitAsync(cancellationToken);
                        return true;
                    });
                }

                logger.LogInformation("confirmPayment for order {Number}, payment {PaymentId}: {Outcome}", order.Number, fact.RazorpayPaymentId, result.Outcome);
                await followUps.RunAsync(result.FollowUps, PaymentSource.Customer, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is RazorpayException or HttpRequestException or TimeoutException)
        {
            // The signature is good; what became of the money the webhook or reconciliation will tell. The order is answered as it stands.
            logger.LogWarning("confirmPayment for order {Number}: Razorpay could not be asked about payment {PaymentId} ({Message})", order.Number, input.RazorpayPaymentId, exception.Message);
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            order = await db.Orders.FirstAsync(o => o.Id == order.Id, cancellationToken);
        }

        return MutationResult.Success(new PaymentConfirmation(order.Number, order.Status, order.PaymentStatus, order.Total, order.AmountPaid));
    }
}
