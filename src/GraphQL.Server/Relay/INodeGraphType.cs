namespace Diecast.GraphQL.Server.Relay;

/// <summary>An object type that implements Node and can fetch its objects by the keys inside global IDs.</summary>
public interface INodeGraphType
{
    /// <summary>
    /// The objects with these keys, by key, fetched together (nodes(ids) costs one query per type). A key with no
    /// object, or with one the caller may not see, is left out.
    /// </summary>
    Task<IReadOnlyDictionary<string, object>> ResolveNodesAsync(IResolveFieldContext context, IReadOnlyCollection<string> keys);
}
