using Diecast.GraphQL.Querying.DataLoading;

namespace Diecast.Api.Orders;

/// <summary>The items of many orders in one query.</summary>
public sealed class OrderItemsByOrderIdDataLoader(IDbContextFactory<DiecastDbContext> contextFactory) : BatchDataLoader<int, IReadOnlyList<OrderItem>>
{
    protected override async Task<IReadOnlyDictionary<int, IReadOnlyList<OrderItem>>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var items = await db.OrderItems.Where(i => keys.Contains(i.OrderId)).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return keys.ToDictionary(key => key, key => (IReadOnlyList<OrderItem>)[.. items.Where(i => i.OrderId == key)]);
    }
}
