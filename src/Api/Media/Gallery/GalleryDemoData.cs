using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Diecast.Api.Catalog;
using Diecast.Api.Data.Seed;
using Diecast.Api.Journal;

namespace Diecast.Api.Media.Gallery;

/// <summary>
/// The demo shop's pictures: one drawn illustration per product (<see cref="DemoIllustrations"/>) as its gallery's
/// main picture, and a cover per journal entry. Rendered at seed time, in parallel (one render per core), and stored
/// through <see cref="MediaIntake"/> like any upload, so they pass the same checks and are served by the same endpoint.
/// Runs after the catalog and journal parts, in their transaction, so it sees their rows.
/// </summary>
internal sealed class GalleryDemoData(IServiceScopeFactory scopes, MediaUrls urls, GalleryRules rules, ILogger<GalleryDemoData> logger) : IDemoDataUpgrade
{
    /// <summary>The width the journal's cover URL asks for: a full-width banner on a laptop.</summary>
    private const int CoverWidth = 1200;

    public Task<bool> ExistsAsync(DiecastDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<ProductImage>().AnyAsync(cancellationToken);
    }

    public async Task<string> SeedAsync(DiecastDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var started = Stopwatch.GetTimestamp();
        // Only the demo shop's own rows: a database may also hold a large generated catalog (database seed --products).
        var productSlugs = await DemoSlugsAsync(typeof(Product), "products.json", cancellationToken);
        var entrySlugs = await DemoSlugsAsync(typeof(JournalEntry), "journal.json", cancellationToken);
        var products = await db.Products.AsTracking().Where(p => productSlugs.Contains(p.Slug)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var entries = await db.JournalEntries.AsTracking().Where(e => entrySlugs.Contains(e.Slug)).OrderBy(e => e.Id).ToListAsync(cancellationToken);

        var drawings = products.Select(p => new Drawing($"{p.Slug}.jpg", () => DemoIllustrations.RenderProduct(p.Slug, p.Name, p.Brand, p.Scale, p.Genre, p.Description)))
            .Concat(entries.Select(e => new Drawing($"journal-{e.Slug}.jpg", () => DemoIllustrations.RenderCover(e.Slug, e.Title, e.Tags))))
            .ToList();
        var files = await RenderAndStoreAsync(drawings, cancellationToken);

        foreach (var product in products)
        {
            db.Add(new ProductImage
            {
                ProductId = product.Id,
                MediaFileId = files[$"{product.Slug}.jpg"].Id,
                Position = 0,
                Alt = AltFor(product, rules.MaxAltLength),
            });
        }

        foreach (var entry in entries)
        {
            // REVIEW: the cover stays a URL string (JournalEntry.CoverImage), so the journal's schema and its clients are
            // unchanged; no row refers to the file by id, so the media cleanup must keep to files marked orphaned
            // (MediaOrphans), as it does, and never sweep files that merely look unreferenced.
            entry.CoverImage = GalleryUrls.Image(urls, files[$"journal-{entry.Slug}.jpg"], CoverWidth);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Drew and stored {Count} demo pictures in {Elapsed} ms", drawings.Count, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return $"{products.Count} product pictures and {entries.Count} journal covers";
    }

    /// <summary>A database seeded before pictures existed gets them too, as long as no product has any.</summary>
    public async Task<string?> UpgradeAsync(DiecastDbContext db, CancellationToken cancellationToken) =>
        await ExistsAsync(db, cancellationToken) ? null : await SeedAsync(db, cancellationToken);

    /// <summary>
    /// Renders every drawing and stores it through the intake, as many at a time as there are cores (librsvg and the
    /// JPEG encoder are CPU-bound; the intake's decode too). Each gets its own scope: the intake's DbContext is not
    /// shared between threads. Its files are committed by the intake itself, outside the seeding transaction: if the
    /// seed fails they stay unreferenced, and the next seed finds them again by their content (the same drawing gives
    /// the same bytes).
    /// </summary>
    private async Task<IReadOnlyDictionary<string, MediaFile>> RenderAndStoreAsync(List<Drawing> drawings, CancellationToken cancellationToken)
    {
        var files = new ConcurrentDictionary<string, MediaFile>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(drawings, parallel, async (drawing, ct) =>
        {
            var bytes = drawing.Render();
            await using var scope = scopes.CreateAsyncScope();
            var intake = scope.ServiceProvider.GetRequiredService<MediaIntake>();
            using var stream = new MemoryStream(bytes, writable: false);
            files[drawing.Name] = await intake.IngestImageAsync(stream, drawing.Name, ct);
        });
        return files;
    }

    private static async Task<List<string>> DemoSlugsAsync(Type feature, string fileName, CancellationToken cancellationToken) =>
        [.. (await DemoDataFile.ReadAsync<JsonElement>(feature, fileName, cancellationToken)).Select(row => row.GetProperty("slug").GetString()!)];

    private static string AltFor(Product product, int maxLength)
    {
        var alt = $"Illustration of the {DemoIllustrations.TitleOf(product.Name, product.Scale)}, a {product.Scale} scale model by {product.Brand}, drawn from the side with its name.";
        return alt.Length <= maxLength ? alt : alt[..maxLength].TrimEnd();
    }

    private sealed record Drawing(string Name, Func<byte[]> Render);
}
