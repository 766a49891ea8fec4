using System.Text.Json;
using System.Text.Json.Serialization;
using Diecast.Api.Catalog;
using Diecast.Api.Journal;
using Diecast.Api.Orders;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.Data.Seed;

/// <summary>
/// Fills an empty database with the demo shop: products.json, journal.json and orders.json beside this file.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<DiecastDbContext> contextFactory, ILogger<DemoDataSeeder> logger)
{
    // Any fixed number: it only has to be the same in every instance, so concurrent starts seed once.
    private const long SeedLockKey = 0x0D1EC457;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Seeds unless the database already has products. Returns whether it seeded.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", cancellationToken);
        if (await db.Products.AnyAsync(cancellationToken))
        {
            return false;
        }

        var products = (await ReadAsync<ProductSeed>("products.json", cancellationToken)).Select(p => p.ToProduct()).ToList();
        db.Products.AddRange(products);
        db.JournalEntries.AddRange((await ReadAsync<JournalEntrySeed>("journal.json", cancellationToken)).Select(j => j.ToJournalEntry()));
        await db.SaveChangesAsync(cancellationToken);

        var productsBySlug = products.ToDictionary(p => p.Slug);
        db.Orders.AddRange((await ReadAsync<OrderSeed>("orders.json", cancellationToken)).Select(o => o.ToOrder(productsBySlug)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Seeded the demo shop: {Products} products", products.Count);
        return true;
    }

    private static async Task<List<T>> ReadAsync<T>(string fileName, CancellationToken cancellationToken)
    {
        var resource = $"{typeof(DemoDataSeeder).Namespace}.{fileName}";
        await using var stream = typeof(DemoDataSeeder).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The seed file {resource} is not embedded.");
        return await JsonSerializer.DeserializeAsync<List<T>>(stream, JsonOptions, cancellationToken)
            ?? throw new InvalidOperationException($"The seed file {resource} is empty.");
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

    private sealed record JournalEntrySeed(
        string Slug, string Title, string Excerpt, string Body, string? CoverImage, List<string> Tags, bool Published, DateTime? PublishedAt, string Author)
    {
        public JournalEntry ToJournalEntry() => new()
        {
            Slug = Slug,
            Title = Title,
            Excerpt = Excerpt,
            Body = Body,
            CoverImage = CoverImage,
            Tags = Tags,
            IsPublished = Published,
            PublishedAt = PublishedAt?.ToUniversalTime(),
            Author = Author,
        };
    }

    private sealed record OrderItemSeed(string ProductSlug, int Quantity);

    private sealed record OrderSeed(
        string CustomerName, string CustomerEmail, string CustomerPhone, ShippingAddress ShippingAddress, OrderStatus Status,
        List<OrderItemSeed> Items, DateTime PlacedAt, string? RazorpayOrderId, string? RazorpayPaymentId)
    {
        public Order ToOrder(Dictionary<string, Product> productsBySlug)
        {
            var items = Items.Select(i =>
            {
                var product = productsBySlug[i.ProductSlug];
                return new OrderItem { ProductId = product.Id, ProductName = product.Name, UnitPrice = product.Price, Quantity = i.Quantity };
            }).ToList();
            var subtotal = items.Sum(i => i.UnitPrice * i.Quantity);
            var shipping = ShippingFees.For(subtotal);
            var placedAt = PlacedAt.ToUniversalTime();
            return new Order
            {
                CustomerName = CustomerName,
                CustomerEmail = CustomerEmail,
                CustomerPhone = CustomerPhone,
                ShippingAddress = ShippingAddress,
                Status = Status,
                Items = items,
                Subtotal = subtotal,
                ShippingFee = shipping,
                Total = subtotal + shipping,
                RazorpayOrderId = RazorpayOrderId,
                RazorpayPaymentId = RazorpayPaymentId,
                CreatedAt = placedAt,
                UpdatedAt = placedAt,
            };
        }
    }
}
