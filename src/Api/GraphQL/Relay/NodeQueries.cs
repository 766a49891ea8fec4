using Diecast.Api.Security;
using GraphQL;
using GraphQL.Types;

namespace Diecast.Api.GraphQL.Relay;

/// <summary><c>node(id)</c> and <c>nodes(ids)</c>, as HotChocolate's global object identification exposes them.</summary>
public static class NodeQueries
{
    /// <summary>HotChocolate's MaxAllowedNodeBatchSize.</summary>
    public const int MaxNodesPerRequest = 50;

    public static void AddNodeQueries(this ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("Fetches an object given its ID.")
            .WithComplexityImpact(DiecastSchema.LookupComplexityImpact)
            .Argument<NonNullGraphType<IdGraphType>>("id", "ID of the object.")
            .ResolveAsync(context => ResolveAsync(context, context.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("Lookup nodes by a list of IDs.")
            // Up to fifty lookups in one field.
            .WithComplexityImpact(DiecastSchema.LookupComplexityImpact * 5)
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "The list of node IDs.")
            .ResolveAsync(async context =>
            {
                var ids = context.GetArgument<List<string>>("ids");
                if (ids.Count > MaxNodesPerRequest)
                {
                    throw new ExecutionError($"The maximum number of nodes that can be fetched at once is {MaxNodesPerRequest}.") { Code = "HC0076" };
                }

                var nodes = new List<object?>(ids.Count);
                foreach (var id in ids)
                {
                    nodes.Add(await ResolveAsync(context, id));
                }

                return nodes;
            });
    }

    private static async Task<object?> ResolveAsync(IResolveFieldContext context, string id)
    {
        if (!NodeId.TryDecode(id, out var typeName, out var key))
        {
            throw new ExecutionError($"The ID '{Truncate(id)}' is not a valid node ID.") { Code = "INVALID_NODE_ID" };
        }

        if (context.Schema.AllTypes[typeName] is not { } type || type is not INodeGraphType nodeType)
        {
            return null;
        }

        // The selection only names Node, so the validation rule cannot see which type comes back: checked here.
        await FieldAuthorization.EnsureAsync(context, type);
        return await nodeType.ResolveNodeAsync(context, key);
    }

    private static string Truncate(string id) => id.Length <= 64 ? id : id[..64] + "…";
}
