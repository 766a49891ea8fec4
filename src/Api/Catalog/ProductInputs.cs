namespace Diecast.Api.Catalog;

/// <summary>A new product, every field given.</summary>
public sealed class CreateProductInput
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Brand { get; init; } = "";
    public string Make { get; init; } = "";
    public string Model { get; init; } = "";
    public int Year { get; init; }
    public string Scale { get; init; } = "";
    public Genre Genre { get; init; }
    public CollectionStatus Status { get; init; }
    public string Description { get; init; } = "";
    public decimal Price { get; init; }
    public int StockQuantity { get; init; }
    public List<string> Images { get; init; } = [];
    public string? VideoUrl { get; init; }
    public bool IsFeatured { get; init; }
}

/// <summary>Changes to a product: fields left out stay as they are. Stock moves through adjustStock only.</summary>
public sealed class UpdateProductInput : UpdateInput, IVersionedUpdateInput
{
    public string Id { get; init; } = "";

    /// <summary>The product's version as the caller read it.</summary>
    public long Version { get; init; }

    public string? Slug { get; init; }
    public string? Name { get; init; }
    public string? Brand { get; init; }
    public string? Make { get; init; }
    public string? Model { get; init; }
    public int? Year { get; init; }
    public string? Scale { get; init; }
    public Genre? Genre { get; init; }
    public CollectionStatus? Status { get; init; }
    public string? Description { get; init; }
    public decimal? Price { get; init; }
    public List<string>? Images { get; init; }
    public string? VideoUrl { get; init; }
    public bool? IsFeatured { get; init; }
}

public sealed class ArchiveProductInput
{
    public string Id { get; init; } = "";
}

public sealed class AdjustStockInput
{
    public string ProductId { get; init; } = "";
    public int Delta { get; init; }
    public string Reason { get; init; } = "";
}
