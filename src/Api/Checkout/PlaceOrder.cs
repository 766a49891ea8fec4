using Diecast.Api.Catalog;
using Diecast.Api.Orders;
using Diecast.GraphQL.Server;
using Diecast.GraphQL.Server.Relay;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Checkout;

/// <summary>What placeOrder answers with: the customer's view of the order, its token, and why payment is not ready (if it is not).</summary>
public sealed record PlacedOrder(CustomerOrderView Order, string OrderToken, PaymentUnavailableError? PaymentError);

/// <summary>
/// placeOrder: prices a cart from the catalog, and in one statement inserts the order with its lines (names and
/// prices snapshotted) and its timeline's first entry, and holds the stock (<see cref="OrderStock.PlaceAsync"/>,
/// all or nothing). Then it asks Razorpay for the payment order; an order that committed is reported whatever happens
/// next. The idempotency key makes a repeated request answer with the first one's order.
/// </summary>
public sealed class PlaceOrder(
    IValidator<PlaceOrderInput> validator,
    OrderPlacements placements,
    CheckoutCatalog catalog,
    CustomerOrders customerOrders,
    OrderTokens tokens,
    TimeProvider time,
    IOptions<CheckoutOptions> options,
    ILogger<PlaceOrder> logger)
{
    /// <summary>Who stock movements and the timeline name for a checkout.</summary>
    public const string Actor = "checkout";

    public async Task<MutationResult> PlaceAsync(PlaceOrderInput input, DiecastDbContext db, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return MutationResult.Invalid(validation);
        }

        var cart = new List<CartLine>(input.Items.Count);
        var notIds = new List<IUserError>();
        for (var line = 0; line < input.Items.Count; line++)
        {
            if (NodeId.TryDecodeInt(input.Items[line].ProductId, ProductGraphType.TypeName, out var productId))
            {
                cart.Add(new CartLine(line, productId, input.Items[line].ProductId, input.Items[line].Quantity));
            }
            else
            {
                notIds.Add(new ValidationError($"items[{line}].productId must be the ID of a product.", LinePath(line, "productId")));
            }
        }

        if (notIds.Count > 0)
        {
            return MutationResult.Failure([.. notIds]);
        }

        // Two IDs that decode to the same product (say, padding written differently) are one product on two lines.
        if (cart.GroupBy(l => l.ProductId).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            var (first, again) = (repeated.First(), repeated.Skip(1).First());
            return MutationResult.Failure(new ValidationError(
                $"items[{again.Line}].productId repeats the product of items[{first.Line}]: send each product once, with the quantity wanted.", LinePath(again.Line, "productId")));
        }

        IndianPhone.TryNormalize(input.Customer.Phone, out var phone);
        PinCode.TryNormalize(input.ShippingAddress.PostalCode, out var pin);
        var address = new ShippingAddress
        {
            Line1 = input.ShippingAddress.Line1,
            Line2 = input.ShippingAddress.Line2,
            City = input.ShippingAddress.City,
            State = input.ShippingAddress.State.Name(),
            PostalCode = pin,
            Country = "IN",
        };

        // A product renamed, repriced or re-statused between the read and the write sends the order round again, on a
        // fresh read; so does a placement priced from remembered lines that the database refused.
        var quantities = cart.ToDictionary(l => l.ProductId, l => l.Quantity);
        for (var attempt = 1; ; attempt++)
        {
            var remembered = attempt == 1 ? catalog.Sellable(quantities) : null;
            var (outcome, answer) = await TryPlaceAsync(input, db, cart, phone, address, remembered, cancellationToken);
            if (remembered is not null && outcome is PlacementOutcome.CatalogChanged or PlacementOutcome.OutOfStock)
            {
                catalog.Forget(quantities.Keys);
                continue;
            }

            if (outcome != PlacementOutcome.CatalogChanged || attempt >= MaxPricingAttempts)
            {
                return answer ?? throw new InvalidOperationException(
                    $"The catalog changed under this order {MaxPricingAttempts} times in a row; nothing was placed.");
            }
        }
    }

    /// <summary>How many times placeOrder prices an order again after the catalog changed between its read and its write.</summary>
    private const int MaxPricingAttempts = 5;

    /// <summary>
    /// One attempt: reads and checks the catalog (or takes <paramref name="remembered"/> lines, which say every line can
    /// be sold), prices the order, and writes it with its reservation in one statement (<see cref="OrderStock.PlaceAsync"/>).
    /// The answer is null only for <see cref="PlacementOutcome.CatalogChanged"/>, and for any refusal priced from
    /// remembered lines (the caller tries again on a fresh read).
    /// </summary>
    private async Task<(PlacementOutcome Outcome, MutationResult? Answer)> TryPlaceAsync(
        PlaceOrderInput input, DiecastDbContext db, List<CartLine> cart, string phone, ShippingAddress address,
        Dictionary<int, CatalogLine>? remembered, CancellationToken cancellationToken)
    {
        var products = remembered ?? await catalog.ReadAsync(db, [.. cart.Select(l => l.ProductId)], cancellationToken);
        var refusals = new List<IUserError>();
        foreach (var line in cart)
        {
            var product = products.GetValueOrDefault(line.ProductId);
            switch (CartPricing.Judge(product, line.Quantity))
            {
                case LineVerdict.Unknown:
                    refusals.Add(new ProductUnavailableError($"items[{line.Line}] is not for sale: no product in the catalog has this ID.", LinePath(line.Line, "productId"), line.GlobalId));
                    break;
                case LineVerdict.SoldOut or LineVerdict.Retired:
                    refusals.Add(new ProductUnavailableError(
                        $"items[{line.Line}] is not for sale: {product!.Name} is {SchemaNames.EnumValue(product.Status)}.", LinePath(line.Line, "productId"), line.GlobalId));
                    break;
                // A first look, so every short line is reported at once; the placement below decides.
                case LineVerdict.TooFewInStock:
                    refusals.Add(Shortage(line, product!.StockQuantity));
                    break;
            }
        }

        if (refusals.Count > 0)
        {
            return (PlacementOutcome.OutOfStock, await ReplayOrRefuseAsync(refusals));
        }

        var now = time.GetDatabaseUtcNow();
        var subtotal = cart.Sum(l => products[l.ProductId].Price * l.Quantity);
        var shippingFee = ShippingFees.For(subtotal);
        var order = new Order
        {
            CustomerName = input.Customer.Name,
            CustomerEmail = input.Customer.Email,
            CustomerPhone = phone,
            ShippingAddress = address,
            Subtotal = subtotal,
            ShippingFee = shippingFee,
            Total = subtotal + shippingFee,
            PaymentStatus = PaymentStatus.AwaitingPayment,
            FulfilmentStatus = FulfilmentStatus.Unfulfilled,
            IdempotencyKey = input.IdempotencyKey,
            HoldExpiresAt = now + options.Value.Hold,
            ReservationStatus = cart.Any(l => products[l.ProductId].Status != CollectionStatus.PreOrder) ? ReservationStatus.Held : ReservationStatus.None,
            // This request claims the making of Razorpay's order in the insert itself (RazorpayOrders' lease), so the
            // payment below starts without a statement of its own to claim it.
            RazorpayOrderRequestedAt = now,
            Items = [.. cart.Select(l => new OrderItem { ProductId = l.ProductId, ProductName = products[l.ProductId].Name, UnitPrice = products[l.ProductId].Price, Quantity = l.Quantity })],
        };
        order.Record(
            OrderEventKind.Placed,
            OrderEventActor.Customer,
            $"Order placed: {cart.Sum(l => l.Quantity)} item(s), ₹{order.Total:0.00} to pay by {order.HoldExpiresAt:yyyy-MM-dd HH:mm} UTC.",
            now);

        var placement = await placements.PlaceAsync(db, order, products.ToDictionary(p => p.Key, p => p.Value.Status), Actor, cancellationToken);
        return placement.Outcome switch
        {
            // The answer is the order as its own statement wrote it (keys, number, generated status read back); nothing is
            // read after the write.
            PlacementOutcome.Placed => (PlacementOutcome.Placed, MutationResult.Success(await AnswerAsync(order, claimedAt: now, cancellationToken))),
            // A repeated request (a double click, a retry after a timeout), or a concurrent one that committed first (the
            // insert waited for it): answer with the order the key placed. Found here rather than looked up before every
            // insert, so the first request, by far the most common, pays for no lookup.
            PlacementOutcome.KeyTaken => (PlacementOutcome.KeyTaken, await ReplayAsync(
                await customerOrders.FindByIdempotencyKeyAsync(db, input.IdempotencyKey, cancellationToken)
                    ?? throw new InvalidOperationException("The order that took this idempotency key is gone."),
                cart, input, phone, address, cancellationToken)),
            PlacementOutcome.OutOfStock when remembered is not null => (PlacementOutcome.OutOfStock, null),
            PlacementOutcome.OutOfStock => (PlacementOutcome.OutOfStock, await ReplayOrRefuseAsync(
                [.. placement.Shortfalls.Select(s => Shortage(cart.First(l => l.ProductId == s.ProductId), s.Available))])),
            _ => (placement.Outcome, null),
        };

        // A repeated request (a retry after a timeout) whose products sold out since answers with the order its key placed.
        async Task<MutationResult> ReplayOrRefuseAsync(List<IUserError> errors) =>
            await customerOrders.FindByIdempotencyKeyAsync(db, input.IdempotencyKey, cancellationToken) is { } placed
                ? await ReplayAsync(placed, cart, input, phone, address, cancellationToken)
                : MutationResult.Failure([.. errors]);
    }

    /// <summary>The order an idempotency key already placed, if this request asks for the same thing; otherwise an error.</summary>
    private async Task<MutationResult> ReplayAsync(Order existing, List<CartLine> cart, PlaceOrderInput input, string phone, ShippingAddress address, CancellationToken cancellationToken)
    {
        var sameCart = existing.Items.Count == cart.Count
            && existing.Items.OrderBy(i => i.ProductId).Select(i => (i.ProductId, i.Quantity)).SequenceEqual(cart.OrderBy(l => l.ProductId).Select(l => (l.ProductId, l.Quantity)));
        var sameCustomer = existing.CustomerName == input.Customer.Name && existing.CustomerEmail == input.Customer.Email && existing.CustomerPhone == phone;
        if (!sameCart || !sameCustomer || existing.ShippingAddress != address)
        {
            return MutationResult.Failure(new IdempotencyKeyReusedError(
                "idempotencyKey already placed an order with other lines, customer or address; nothing was placed. Make a new key for a new cart.",
                [MutationConventions.InputArgument, "idempotencyKey"]));
        }

        return MutationResult.Success(await AnswerAsync(existing, claimedAt: null, cancellationToken));
    }

    /// <summary>
    /// The payload: the order, its token, and Razorpay's order, made now if it is not yet (exactly once, by the
    /// Razorpay edge's RazorpayOrders, behind <see cref="IRazorpayCheckout"/>). Whatever fails here, the order stands.
    /// </summary>
    /// <param name="order">The order as placed or found.</param>
    /// <param name="claimedAt">When this request claimed Razorpay's order in the order's own insert; null for a replay.</param>
    /// <param name="cancellationToken">Cancels the wait for Razorpay; the order stands.</param>
    private async Task<PlacedOrder> AnswerAsync(Order order, DateTime? claimedAt, CancellationToken cancellationToken)
    {
        var token = tokens.Issue(order.Id, order.Number);
        var (payment, error) = await customerOrders.StartPaymentAsync(order, claimedAt, cancellationToken);
        if (error is not null)
        {
            logger.LogWarning("Order {Number} is placed but its payment could not start: {Reason}", order.Number, error.Message);
        }

        return new PlacedOrder(new CustomerOrderView(order, payment), token, error);
    }

    private static InsufficientStockError Shortage(CartLine line, int available) => new(
        $"items[{line.Line}].quantity asks for {line.Quantity}, but only {Math.Max(available, 0)} {(available == 1 ? "is" : "are")} in stock.",
        LinePath(line.Line, "quantity"),
        line.GlobalId,
        line.Quantity,
        Math.Max(available, 0));

    private static string[] LinePath(int line, string field) =>
        [MutationConventions.InputArgument, "items", line.ToString(System.Globalization.CultureInfo.InvariantCulture), field];

    private sealed record CartLine(int Line, int ProductId, string GlobalId, int Quantity);
}
