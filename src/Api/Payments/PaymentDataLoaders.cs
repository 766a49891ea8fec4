using Diecast.GraphQL.Querying.DataLoading;

namespace Diecast.Api.Payments;

/// <summary>The Razorpay payments of many orders in one query, oldest first.</summary>
public sealed class PaymentsByOrderIdDataLoader(IDbContextFactory<DiecastDbContext> contextFactory) : BatchDataLoader<int, IReadOnlyList<Payment>>
{
    protected override async Task<IReadOnlyDictionary<int, IReadOnlyList<Payment>>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var payments = await db.Payments.Where(p => keys.Contains(p.OrderId)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return keys.ToDictionary(key => key, key => (IReadOnlyList<Payment>)[.. payments.Where(p => p.OrderId == key)]);
    }
}

/// <summary>The refunds of many orders in one query, oldest first.</summary>
public sealed class RefundsByOrderIdDataLoader(IDbContextFactory<DiecastDbContext> contextFactory) : BatchDataLoader<int, IReadOnlyList<Refund>>
{
    protected override async Task<IReadOnlyDictionary<int, IReadOnlyList<Refund>>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var refunds = await db.Refunds.Where(r => keys.Contains(r.OrderId)).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return keys.ToDictionary(key => key, key => (IReadOnlyList<Refund>)[.. refunds.Where(r => r.OrderId == key)]);
    }
}
