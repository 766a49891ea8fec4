using Diecast.GraphQL.Querying.DataLoading;

namespace Diecast.Api.Orders;

/// <summary>The timelines of many orders in one query, each oldest first.</summary>
public sealed class OrderEventsByOrderIdDataLoader(IDbContextFactory<DiecastDbContext> contextFactory) : BatchDataLoader<int, IReadOnlyList<OrderEvent>>
{
    protected override async Task<IReadOnlyDictionary<int, IReadOnlyList<OrderEvent>>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // The index (order_id, id) serves this; ids follow insertion, so within an order they are the timeline's order.
        var events = await db.OrderEvents.Where(e => keys.Contains(e.OrderId)).OrderBy(e => e.OrderId).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var byOrder = events.GroupBy(e => e.OrderId).ToDictionary(g => g.Key, g => (IReadOnlyList<OrderEvent>)[.. g]);
        return keys.ToDictionary(key => key, key => byOrder.TryGetValue(key, out var list) ? list : []);
    }
}
