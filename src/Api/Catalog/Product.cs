namespace Diecast.Api.Catalog;

/// <summary>A diecast model for sale.</summary>
public sealed class Product
{
    public int Id { get; set; }

    /// <summary>URL-safe, unique: the storefront's product address.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>The model maker (AutoArt, Minichamps, Hot Wheels, Mini GT…).</summary>
    public required string Brand { get; set; }

    /// <summary>The real car's manufacturer.</summary>
    public required string Make { get; set; }

    /// <summary>The real car's model.</summary>
    public required string Model { get; set; }

    /// <summary>The real car's year.</summary>
    public int Year { get; set; }

    /// <summary>The model's scale, written as collectors do: "1:18", "1:64".</summary>
    public required string Scale { get; set; }

    public Genre Genre { get; set; }

    public CollectionStatus Status { get; set; }

    public required string Description { get; set; }

    /// <summary>Price in Indian rupees, exact to the paisa: numeric(12,2), never floating point.</summary>
    public decimal Price { get; set; }

    public int StockQuantity { get; set; }

    /// <summary>Absolute image URLs, first is the main picture; a native text[].</summary>
    public List<string> Images { get; set; } = [];

    public string? VideoUrl { get; set; }

    public bool IsFeatured { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>PostgreSQL's xmin, so a concurrent edit is detected rather than lost.</summary>
    public uint Version { get; set; }
}
