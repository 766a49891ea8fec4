using System.Globalization;
using Diecast.Api.Data;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.GraphQL.Relay;

/// <summary>Fetching entities by the integer keys inside global IDs: what node(id), nodes(ids) and the typed lookups share.</summary>
public static class NodeLookup
{
    private static readonly IReadOnlyDictionary<string, object> None = new Dictionary<string, object>();

    /// <summary>
    /// The entities with these keys, by key, in one query. Only canonical integer keys are looked up, so an ID
    /// names one object in one way.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, object>> ByIntKeysAsync<TEntity>(
        IResolveFieldContext context,
        IReadOnlyCollection<string> keys,
        Func<DiecastDbContext, int[], IQueryable<TEntity>> find,
        Func<TEntity, int> keyOf)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(keyOf);
        var ids = keys.Select(ParseKey).OfType<int>().Distinct().ToArray();
        if (ids.Length == 0)
        {
            return None;
        }

        await using var db = await context.CreateDbContextAsync();
        var entities = await find(db, ids).ToListAsync(context.CancellationToken);
        return entities.ToDictionary(e => keyOf(e).ToString(CultureInfo.InvariantCulture), e => (object)e, StringComparer.Ordinal);
    }

    /// <summary>The one object with this key, or null.</summary>
    public static async Task<object?> OneAsync(this INodeGraphType type, IResolveFieldContext context, string key)
    {
        ArgumentNullException.ThrowIfNull(type);
        return (await type.ResolveNodesAsync(context, [key])).GetValueOrDefault(key);
    }

    private static int? ParseKey(string key) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id.ToString(CultureInfo.InvariantCulture) == key ? id : null;
}
