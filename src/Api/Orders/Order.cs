namespace Diecast.Api.Orders;

/// <summary>A customer's order with its snapshotted items and payment references.</summary>
public sealed class Order
{
    public int Id { get; set; }

    /// <summary>The number customers quote, e.g. "DC-10042"; assigned by the database.</summary>
    public string Number { get; set; } = null!;

    public required string CustomerName { get; set; }

    public required string CustomerEmail { get; set; }

    public required string CustomerPhone { get; set; }

    public required ShippingAddress ShippingAddress { get; set; }

    public OrderStatus Status { get; set; }

    /// <summary>Sum of the items, in rupees.</summary>
    public decimal Subtotal { get; set; }

    public decimal ShippingFee { get; set; }

    /// <summary>Subtotal plus shipping, in rupees; the database checks the sum.</summary>
    public decimal Total { get; set; }

    public string? RazorpayOrderId { get; set; }

    public string? RazorpayPaymentId { get; set; }

    public List<OrderItem> Items { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public uint Version { get; set; }
}
