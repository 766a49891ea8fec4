using System.Globalization;
using Diecast.GraphQL.Server.Relay;
using Diecast.GraphQL.Server.Resolvers;

namespace Diecast.Api.Data;

/// <summary>
/// An object type for one of the shop's entities that implements Node with an integer key: its name, the <c>id</c>
/// field (first, as HotChocolate places it), and the lookup that node(id), nodes(ids) and the typed lookups share.
/// Subclasses add their other fields and say which rows the caller may see.
/// </summary>
public abstract class EntityNodeGraphType<TEntity> : ObjectGraphType<TEntity>, INodeGraphType
    where TEntity : class
{
    private static readonly IReadOnlyDictionary<string, object> None = new Dictionary<string, object>();

    private readonly Func<TEntity, int> _keyOf;

    /// <param name="typeName">The type's name, which its global IDs carry.</param>
    /// <param name="description">The type's description.</param>
    /// <param name="idDescription">The id field's description, e.g. "The product's global ID.".</param>
    /// <param name="keyOf">The entity's integer key.</param>
    protected EntityNodeGraphType(string typeName, string description, string idDescription, Func<TEntity, int> keyOf)
    {
        _keyOf = keyOf;
        Name = typeName;
        Description = description;
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description(idDescription).Resolve(context => NodeId.Encode(typeName, keyOf(context.Source)));
    }

    /// <summary>
    /// The entities with these keys, by key, in one query. Only canonical integer keys are looked up (see
    /// <see cref="NodeLookup.IntKeys"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, object>> ResolveNodesAsync(IResolveFieldContext context, IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ids = NodeLookup.IntKeys(keys);
        if (ids.Length == 0)
        {
            return None;
        }

        await using var dependencies = new ResolverDependencies(context);
        var entities = await Find(dependencies.Get<DiecastDbContext>(), ids, context).ToListAsync(context.CancellationToken);
        return entities.ToDictionary(e => _keyOf(e).ToString(CultureInfo.InvariantCulture), e => (object)e, StringComparer.Ordinal);
    }

    /// <summary>The rows with these keys that the caller may see.</summary>
    protected abstract IQueryable<TEntity> Find(DiecastDbContext db, int[] ids, IResolveFieldContext context);
}
