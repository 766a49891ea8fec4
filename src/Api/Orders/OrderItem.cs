using Diecast.Api.Catalog;

namespace Diecast.Api.Orders;

/// <summary>One line of an order. Name and price are copied at purchase, so later edits to the product do not rewrite history.</summary>
public sealed class OrderItem
{
    public int Id { get; set; }

    public int OrderId { get; set; }

    public int ProductId { get; set; }

    public Product? Product { get; set; }

    public required string ProductName { get; set; }

    public decimal UnitPrice { get; set; }

    public int Quantity { get; set; }
}
