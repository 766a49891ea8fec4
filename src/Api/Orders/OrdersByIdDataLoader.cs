using Diecast.GraphQL.Querying.DataLoading;

namespace Diecast.Api.Orders;

/// <summary>Orders by their database id in one query (stock movements name the order they belong to).</summary>
public sealed class OrdersByIdDataLoader(IDbContextFactory<DiecastDbContext> contextFactory) : BatchDataLoader<int, Order>
{
    protected override async Task<IReadOnlyDictionary<int, Order>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Orders.IgnoreQueryFilters().Where(o => keys.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
    }
}
