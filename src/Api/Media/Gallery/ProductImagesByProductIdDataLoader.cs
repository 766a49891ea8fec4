using Diecast.GraphQL.Querying.DataLoading;

namespace Diecast.Api.Media.Gallery;

/// <summary>The galleries of many products in one query, each in its order, with their files.</summary>
public sealed class ProductImagesByProductIdDataLoader(IDbContextFactory<DiecastDbContext> contextFactory) : BatchDataLoader<int, IReadOnlyList<ProductImage>>
{
    protected override async Task<IReadOnlyDictionary<int, IReadOnlyList<ProductImage>>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var images = await db.Set<ProductImage>()
            .Include(i => i.MediaFile)
            .Where(i => keys.Contains(i.ProductId))
            .OrderBy(i => i.ProductId).ThenBy(i => i.Position)
            .ToListAsync(cancellationToken);
        var byProduct = images.GroupBy(i => i.ProductId).ToDictionary(g => g.Key, g => (IReadOnlyList<ProductImage>)[.. g]);
        return keys.ToDictionary(key => key, key => byProduct.TryGetValue(key, out var list) ? list : []);
    }
}

/// <summary>Many stored media files by id in one query (products' uploaded videos).</summary>
public sealed class MediaFilesByIdDataLoader(IDbContextFactory<DiecastDbContext> contextFactory) : BatchDataLoader<Guid, MediaFile>
{
    protected override async Task<IReadOnlyDictionary<Guid, MediaFile>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<MediaFile>().Where(f => keys.Contains(f.Id)).ToDictionaryAsync(f => f.Id, cancellationToken);
    }
}
