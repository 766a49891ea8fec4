namespace Diecast.Api.Orders;

/// <summary>
/// A customer's order with its snapshotted items, its payment and fulfilment statuses, what it holds of the stock, and its
/// timeline. Amounts are rupees.
/// </summary>
public sealed class Order
{
    public int Id { get; set; }

    /// <summary>The number customers quote, e.g. "DC-10042"; assigned by the database.</summary>
    public string Number { get; set; } = null!;

    public required string CustomerName { get; set; }

    public required string CustomerEmail { get; set; }

    public required string CustomerPhone { get; set; }

    public required ShippingAddress ShippingAddress { get; set; }

    /// <summary>
    /// The overall status a customer understands, computed by PostgreSQL from <see cref="PaymentStatus"/>,
    /// <see cref="FulfilmentStatus"/> and <see cref="CancelledAt"/> (<see cref="OrderStatuses.Overall"/>); read back after every save.
    /// </summary>
    public OrderStatus Status { get; private set; }

    public PaymentStatus PaymentStatus { get; set; }

    public FulfilmentStatus FulfilmentStatus { get; set; }

    /// <summary>When the order was cancelled (UTC), by an admin or by the stock hold expiring; null otherwise.</summary>
    public DateTime? CancelledAt { get; set; }

    /// <summary>The checkout's key: placing an order again with it returns this order. Null for orders from before checkout.</summary>
    public string? IdempotencyKey { get; set; }

    public ReservationStatus ReservationStatus { get; set; }

    /// <summary>While <see cref="ReservationStatus.Held"/>: when the held stock goes back on sale if the order is still unpaid (UTC).</summary>
    public DateTime? HoldExpiresAt { get; set; }

    /// <summary>Rupees captured.</summary>
    public decimal AmountPaid { get; set; }

    /// <summary>Rupees refunded (refunds Razorpay has processed).</summary>
    public decimal AmountRefunded { get; set; }

    /// <summary>When the payment was first captured (UTC).</summary>
    public DateTime? PaidAt { get; set; }

    /// <summary>Flagged for staff: a payment that did not match the order, a refund that failed, a late payment.</summary>
    public bool NeedsAttention { get; set; }

    /// <summary>When reconciliation last asked Razorpay about this order's payments (UTC).</summary>
    public DateTime? PaymentCheckedAt { get; set; }

    /// <summary>Sum of the items, in rupees.</summary>
    public decimal Subtotal { get; set; }

    public decimal ShippingFee { get; set; }

    /// <summary>Subtotal plus shipping, in rupees; the database checks the sum.</summary>
    public decimal Total { get; set; }

    public string? RazorpayOrderId { get; set; }

    /// <summary>
    /// UTC time the latest attempt to make this order's Razorpay order began (null: never tried). An attempt holds the
    /// order for Razorpay's total timeout plus a margin, so others wait instead of making a second; a later attempt asks
    /// Razorpay by receipt first, since an earlier one may have made an order whose answer was lost.
    /// </summary>
    public DateTime? RazorpayOrderRequestedAt { get; set; }

    public string? RazorpayPaymentId { get; set; }

    public List<OrderItem> Items { get; set; } = [];

    /// <summary>The timeline, in the order events were added.</summary>
    public List<OrderEvent> Events { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public uint Version { get; set; }

    /// <summary>
    /// Takes what the database assigned when this order was inserted by hand-written SQL (checkout's one-statement
    /// placement, <see cref="OrderStock.PlaceAsync"/>) rather than by EF Core, which would have read them back itself:
    /// the id, the number from <c>order_number_seq</c>, the generated overall status, the timestamps (UTC) and the row version.
    /// </summary>
    public void Stored(int id, string number, OrderStatus status, DateTime createdAt, DateTime updatedAt, uint version) =>
        (Id, Number, Status, CreatedAt, UpdatedAt, Version) = (id, number, status, createdAt, updatedAt, version);

    /// <summary>Appends an event to the timeline; saved with the order.</summary>
    public OrderEvent Record(OrderEventKind kind, OrderEventActor actor, string message, DateTime occurredAt, string? actorName = null, string? data = null)
    {
        var entry = new OrderEvent { OrderId = Id, Kind = kind, Actor = actor, ActorName = actorName, Message = message, OccurredAt = occurredAt, Data = data };
        Events.Add(entry);
        return entry;
    }
}
