namespace Diecast.Api.Catalog;

/// <summary>One change to a product's stock, with who made it and why: the stock figure's audit trail.</summary>
public sealed class StockAdjustment
{
    public long Id { get; set; }

    public int ProductId { get; set; }

    /// <summary>Units added (positive) or taken away (negative).</summary>
    public int Delta { get; set; }

    /// <summary>The stock after the change.</summary>
    public int StockAfter { get; set; }

    public required string Reason { get; set; }

    /// <summary>The admin who made the change (the token's name).</summary>
    public required string AdjustedBy { get; set; }

    public DateTime AdjustedAt { get; set; }
}
