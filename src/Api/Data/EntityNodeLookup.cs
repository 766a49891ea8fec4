using System.Globalization;
using Diecast.GraphQL.Server.Relay;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.Data;

/// <summary>Fetching the shop's entities by the integer keys inside global IDs, for the node graph types.</summary>
public static class EntityNodeLookup
{
    private static readonly IReadOnlyDictionary<string, object> None = new Dictionary<string, object>();

    /// <summary>
    /// The entities with these keys, by key, in one query. Only canonical integer keys are looked up (see
    /// <see cref="NodeLookup.IntKeys"/>).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, object>> ByIntKeysAsync<TEntity>(
        IResolveFieldContext context,
        IReadOnlyCollection<string> keys,
        Func<DiecastDbContext, int[], IQueryable<TEntity>> find,
        Func<TEntity, int> keyOf)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(keyOf);
        var ids = NodeLookup.IntKeys(keys);
        if (ids.Length == 0)
        {
            return None;
        }

        await using var db = await context.CreateDbContextAsync();
        var entities = await find(db, ids).ToListAsync(context.CancellationToken);
        return entities.ToDictionary(e => keyOf(e).ToString(CultureInfo.InvariantCulture), e => (object)e, StringComparer.Ordinal);
    }
}
