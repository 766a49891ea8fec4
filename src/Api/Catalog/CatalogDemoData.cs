using Diecast.Api.Data;
using Diecast.Api.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.Catalog;

/// <summary>The demo shop's products, from DemoData/products.json.</summary>
internal sealed class CatalogDemoData : IDemoData
{
    public Task<bool> ExistsAsync(DiecastDbContext db, CancellationToken cancellationToken) => db.Products.AnyAsync(cancellationToken);

    public async Task<string> SeedAsync(DiecastDbContext db, CancellationToken cancellationToken)
    {
        var products = (await DemoDataFile.ReadAsync<CatalogDemoData, ProductSeed>("products.json", cancellationToken)).Select(p => p.ToProduct()).ToList();
        db.Products.AddRange(products);
        await db.SaveChangesAsync(cancellationToken);
        return $"{products.Count} products";
    }

    private sealed record ProductSeed(
        string Slug, string Name, string Brand, string Make, string Model, int Year, string Scale, Genre Genre,
        CollectionStatus Status, string Description, decimal Price, int Stock, List<string> Images, string? VideoUrl, bool Featured)
    {
        public Product ToProduct() => new()
        {
            Slug = Slug,
            Name = Name,
            Brand = Brand,
            Make = Make,
            Model = Model,
            Year = Year,
            Scale = Scale,
            Genre = Genre,
            Status = Status,
            Description = Description,
            Price = Price,
            StockQuantity = Stock,
            Images = Images,
            VideoUrl = VideoUrl,
            IsFeatured = Featured,
        };
    }
}
