using Diecast.GraphQL.Querying.DataLoading;

namespace Diecast.Api.Catalog;

/// <summary>What <c>Product.related(first:)</c> asks for: a product and how many of its relations.</summary>
public readonly record struct RelatedProductsKey(int ProductId, int First);

/// <summary>
/// Products related to many products in one SQL statement: same genre or same brand, not the product itself, not
/// archived (the query filter). Best first: on sale before the rest, both genre and brand shared before one, then newest.
/// </summary>
public sealed class RelatedProductsDataLoader(IDbContextFactory<DiecastDbContext> contextFactory) : BatchDataLoader<RelatedProductsKey, IReadOnlyList<Product>>
{
    /// <summary>The most related products one product lists.</summary>
    public const int MaxFirst = 12;

    protected override async Task<IReadOnlyDictionary<RelatedProductsKey, IReadOnlyList<Product>>> FetchAsync(IReadOnlyCollection<RelatedProductsKey> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => k.ProductId).Distinct().ToList();
        var most = keys.Max(k => k.First);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // EF Core makes this one statement: a lateral join, ROW_NUMBER() partitioned by the source product.
        var rows = await db.Products
            .Where(source => ids.Contains(source.Id))
            .Select(source => new
            {
                source.Id,
                Related = db.Set<Product>()
                    .Where(p => p.Id != source.Id && (p.Genre == source.Genre || p.Brand == source.Brand))
                    .OrderByDescending(p => p.Status == CollectionStatus.Available || p.Status == CollectionStatus.PreOrder)
                    .ThenByDescending(p => p.Genre == source.Genre && p.Brand == source.Brand)
                    .ThenByDescending(p => p.CreatedAt)
                    .ThenByDescending(p => p.Id)
                    .Take(most)
                    .ToList(),
            })
            .AsNoTracking()
            .ToDictionaryAsync(r => r.Id, r => r.Related, cancellationToken);
        return keys.ToDictionary(
            key => key,
            key => rows.TryGetValue(key.ProductId, out var related) ? (IReadOnlyList<Product>)[.. related.Take(key.First)] : []);
    }
}
