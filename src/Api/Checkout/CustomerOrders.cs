using Diecast.Api.Orders;

namespace Diecast.Api.Checkout;

/// <summary>
/// Orders as their customers reach them without an account: by token, by number and email, by idempotency key; and
/// the payment options for one that can still be paid.
/// </summary>
public sealed class CustomerOrders(IRazorpayCheckout razorpay, OrderTokens tokens, TimeProvider time, ILogger<CustomerOrders> logger)
{
    public Task<Order?> FindByIdempotencyKeyAsync(DiecastDbContext db, string key, CancellationToken cancellationToken) =>
        WithDetails(db).FirstOrDefaultAsync(o => o.IdempotencyKey == key, cancellationToken);

    /// <summary>The order a token opens; null for a token this server did not issue, or whose order is not there (one answer for both).</summary>
    public async Task<CustomerOrderView?> FindByTokenAsync(DiecastDbContext db, string token, CancellationToken cancellationToken)
    {
        if (!tokens.TryOpen(token, out var id, out var number))
        {
            return null;
        }

        var order = await WithDetails(db).FirstOrDefaultAsync(o => o.Id == id && o.Number == number, cancellationToken);
        return order is null ? null : View(order);
    }

    /// <summary>
    /// The order with this number whose customer email is <paramref name="email"/> (trimmed, any case); null when either
    /// does not match, so a wrong email and an unknown number answer alike.
    /// </summary>
    public async Task<CustomerOrderView?> FindByNumberAsync(DiecastDbContext db, string number, string email, CancellationToken cancellationToken)
    {
        var wanted = email.Trim();
        var trimmedNumber = number.Trim().ToUpperInvariant();
        if (wanted.Length == 0 || wanted.Length > 254 || trimmedNumber.Length == 0 || trimmedNumber.Length > 20)
        {
            return null;
        }

        var order = await WithDetails(db).FirstOrDefaultAsync(o => o.Number == trimmedNumber, cancellationToken);
        // Compared here rather than in SQL: the number's unique index finds the row, and lower() in SQL would follow the
        // database's collation where this is an ordinal comparison ignoring case.
        return order is not null && string.Equals(order.CustomerEmail.Trim(), wanted, StringComparison.OrdinalIgnoreCase) ? View(order) : null;
    }

    /// <summary>The customer's view, with the payment options if Razorpay's order is already made (a query never makes one).</summary>
    public CustomerOrderView View(Order order) =>
        new(order, IsPayable(order) && order.RazorpayOrderId is not null ? razorpay.Options(order, order.RazorpayOrderId) : null);

    /// <summary>
    /// Makes sure an order that can still be paid has its Razorpay order, and returns the options to pay it. Never
    /// throws for Razorpay or the database: the order is placed either way, and the error says whether to try again.
    /// </summary>
    /// <param name="order">The order, as its caller read or wrote it.</param>
    /// <param name="claimedAt">
    /// When the caller claimed the making of Razorpay's order in the order's own insert (placeOrder does, setting
    /// <see cref="Order.RazorpayOrderRequestedAt"/>); null to claim it now.
    /// </param>
    /// <param name="cancellationToken">Cancels the wait; the order stands.</param>
    public async Task<(CheckoutPayment? Payment, PaymentUnavailableError? Error)> StartPaymentAsync(Order order, DateTime? claimedAt, CancellationToken cancellationToken)
    {
        if (!IsPayable(order))
        {
            return (null, null);
        }

        if (order.RazorpayOrderId is { } known)
        {
            return (razorpay.Options(order, known), null);
        }

        try
        {
            var razorpayOrderId = claimedAt is { } claimed
                ? await razorpay.CreateClaimedOrderAsync(order, claimed, cancellationToken)
                : await razorpay.EnsureOrderAsync(order, cancellationToken);
            return (razorpay.Options(order, razorpayOrderId), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // REVIEW: every failure here (Razorpay down, refusing, the database gone while storing its id) is reported
            // as retryable: the order is committed, and the same idempotency key tries again.
            logger.LogWarning(exception, "Razorpay's order for {Number} could not be made", order.Number);
            return (null, new PaymentUnavailableError(
                $"Order {order.Number} is placed and its items are held until {order.HoldExpiresAt:yyyy-MM-dd HH:mm} UTC, but payment could not be started. Send placeOrder again with the same idempotencyKey to try again.",
                Retryable: true));
        }
    }

    /// <summary>Money is still expected: unpaid (or its last attempt failed), not cancelled, its hold not over.</summary>
    public bool IsPayable(Order order) =>
        order.PaymentStatus is PaymentStatus.AwaitingPayment or PaymentStatus.Failed
        && order.CancelledAt is null
        && order.HoldExpiresAt is { } expires && expires > time.GetUtcNow().UtcDateTime;

    private static IQueryable<Order> WithDetails(DiecastDbContext db) =>
        db.Orders.IgnoreQueryFilters().Include(o => o.Items).Include(o => o.Events).AsSplitQuery();
}
