using Diecast.Api.Data.Seed;

namespace Diecast.Api.Catalog;

/// <summary>The demo shop's products, from DemoData/products.json.</summary>
internal sealed class CatalogDemoData : JsonDemoData<Product, CatalogDemoData.ProductSeed>
{
    protected override string FileName => "products.json";

    protected override string Plural => "products";

    protected override Task<List<Product>> ToEntitiesAsync(DiecastDbContext db, List<ProductSeed> rows, CancellationToken cancellationToken) =>
        Task.FromResult(rows.ConvertAll(p => p.ToProduct()));

    internal sealed record ProductSeed(
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
