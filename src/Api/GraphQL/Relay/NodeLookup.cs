using System.Globalization;
using Diecast.Api.Data;
using GraphQL;

namespace Diecast.Api.GraphQL.Relay;

/// <summary>Fetching an entity by the integer key inside a global ID: what node(id) and the typed lookups share.</summary>
public static class NodeLookup
{
    /// <summary>The entity, or null when the key is not an integer or no row has it.</summary>
    public static async Task<object?> ByIntKeyAsync<TEntity>(
        IResolveFieldContext context, string key, Func<DiecastDbContext, int, CancellationToken, Task<TEntity?>> find)
        where TEntity : class
    {
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        await using var db = await context.CreateDbContextAsync();
        return await find(db, id, context.CancellationToken);
    }
}
