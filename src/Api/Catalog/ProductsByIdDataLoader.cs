using Diecast.GraphQL.Querying.DataLoading;

namespace Diecast.Api.Catalog;

/// <summary>Many products by id in one query.</summary>
public sealed class ProductsByIdDataLoader(IDbContextFactory<DiecastDbContext> contextFactory) : BatchDataLoader<int, Product>
{
    protected override async Task<IReadOnlyDictionary<int, Product>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Products.IgnoreQueryFilters().Where(p => keys.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
    }
}
