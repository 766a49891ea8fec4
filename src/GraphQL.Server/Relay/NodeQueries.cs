using Diecast.GraphQL.Server.Authorization;

namespace Diecast.GraphQL.Server.Relay;

/// <summary><c>node(id)</c> and <c>nodes(ids)</c>, as HotChocolate's global object identification exposes them.</summary>
public static class NodeQueries
{
    /// <summary>HotChocolate's MaxAllowedNodeBatchSize.</summary>
    public const int MaxNodesPerRequest = 50;

    /// <summary>
    /// Adds both to <paramref name="query"/>; <c>node</c> weighs <paramref name="lookupComplexityImpact"/> against the
    /// complexity limit (what one object's lookup costs), <c>nodes</c> five times as much.
    /// </summary>
    public static void AddNodeQueries(this ObjectGraphType query, double lookupComplexityImpact)
    {
        query.Field<NodeInterface>("node")
            .Description("Fetches an object given its ID.")
            .WithComplexityImpact(lookupComplexityImpact)
            .Argument<NonNullGraphType<IdGraphType>>("id", "ID of the object.")
            .ResolveAsync(async context => (await ResolveAsync(context, [context.GetArgument<string>("id")]))[0]);

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("Lookup nodes by a list of IDs.")
            // Up to fifty lookups in one field.
            .WithComplexityImpact(lookupComplexityImpact * 5)
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "The list of node IDs.")
            .ResolveAsync(async context =>
            {
                var ids = context.GetArgument<List<string>>("ids");
                if (ids.Count > MaxNodesPerRequest)
                {
                    throw new ExecutionError($"The maximum number of nodes that can be fetched at once is {MaxNodesPerRequest}.") { Code = "HC0076" };
                }

                return await ResolveAsync(context, ids);
            });
    }

    /// <summary>The objects the IDs name, in their order (null for none), fetched with one query per type.</summary>
    private static async Task<IReadOnlyList<object?>> ResolveAsync(IResolveFieldContext context, IReadOnlyList<string> ids)
    {
        var decoded = ids.Select(Decode).ToList();
        var found = new Dictionary<(string TypeName, string Key), object>();
        foreach (var group in decoded.GroupBy(d => d.TypeName, StringComparer.Ordinal))
        {
            if (context.Schema.AllTypes[group.Key] is not { } type || type is not INodeGraphType nodeType)
            {
                continue;
            }

            // The selection only names Node, so the validation rule cannot see which type comes back: checked here.
            await FieldAuthorization.EnsureAsync(context, type);
            var byKey = await nodeType.ResolveNodesAsync(context, [.. group.Select(d => d.Key).Distinct(StringComparer.Ordinal)]);
            foreach (var (key, node) in byKey)
            {
                found[(group.Key, key)] = node;
            }
        }

        return [.. decoded.Select(d => found.GetValueOrDefault(d))];
    }

    private static (string TypeName, string Key) Decode(string id) =>
        NodeId.TryDecode(id, out var typeName, out var key)
            ? (typeName, key)
            : throw new ExecutionError($"The ID '{Truncate(id)}' is not a valid node ID.") { Code = "INVALID_NODE_ID" };

    private static string Truncate(string id) => id.Length <= 64 ? id : id[..64] + "…";
}
