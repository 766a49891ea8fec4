namespace Diecast.Api.Media;

/// <summary>A product's picture: ordered, with alt text.</summary>
public sealed class ProductImage
{
    public int Id { get; set; }

    public int ProductId { get; set; }

    public Guid MediaFileId { get; set; }

    public MediaFile MediaFile { get; set; } = null!;

    /// <summary>0 is the main picture; unique per product (a deferred constraint, so a reorder may swap positions in one transaction).</summary>
    public int Position { get; set; }

    /// <summary>Required, 1 to <see cref="MediaOptions.MaxAltLength"/> characters.</summary>
    public required string Alt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }
}
