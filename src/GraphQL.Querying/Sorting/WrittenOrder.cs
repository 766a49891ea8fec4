using System.Collections;
using GraphQL;
using GraphQLParser.AST;

namespace Diecast.GraphQL.Querying.Sorting;

/// <summary>
/// GraphQL.NET hands over input objects with their fields in the type's order; a sort object with several fields
/// must apply them in the order the client wrote them, as HotChocolate does. This restores that order from the
/// document's literal, or from the raw JSON of a variable when the transport keeps it in the user context.
/// </summary>
public static class WrittenOrder
{
    /// <summary>The user-context key under which a transport may keep the request's raw variables (an <see cref="Inputs"/>).</summary>
    public const string RawVariablesKey = "Diecast.GraphQL.Querying.RawVariables";

    public static object? Apply(IResolveFieldContext context, string argument, object? coerced)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (coerced is null || context.FieldAst.Arguments?.FirstOrDefault(a => a.Name.StringValue == argument) is not { } written)
        {
            return coerced;
        }

        return written.Value switch
        {
            GraphQLVariable variable when context.UserContext.TryGetValue(RawVariablesKey, out var raw) && raw is Inputs inputs
                && inputs.TryGetValue(variable.Name.StringValue, out var value) => Reorder(coerced, value),
            GraphQLVariable => coerced,
            var literal => Reorder(coerced, literal),
        };
    }

    private static object? Reorder(object? coerced, object? written) => (coerced, written) switch
    {
        (IDictionary<string, object?> values, _) => ReorderObject(values, FieldNames(written)),
        (IEnumerable list, GraphQLListValue { Values: { } items }) when coerced is not string => ReorderList(list, items.Cast<object?>().ToList()),
        (IEnumerable list, IEnumerable items) when coerced is not string && written is not string and not IDictionary<string, object?> => ReorderList(list, items.Cast<object?>().ToList()),
        // A single object where a list is expected: GraphQL's list coercion wrapped it.
        (IEnumerable list, _) when coerced is not string => ReorderList(list, [written]),
        _ => coerced,
    };

    private static List<object?> ReorderList(IEnumerable coerced, List<object?> written) =>
        [.. coerced.Cast<object?>().Select((item, i) => Reorder(item, i < written.Count ? written[i] : null))];

    private static Dictionary<string, object?> ReorderObject(IDictionary<string, object?> values, IReadOnlyList<(string Name, object? Value)> written)
    {
        var ordered = new Dictionary<string, object?>(values.Count);
        foreach (var (name, value) in written)
        {
            if (values.TryGetValue(name, out var coerced))
            {
                ordered[name] = Reorder(coerced, value);
            }
        }

        foreach (var (name, value) in values)
        {
            ordered.TryAdd(name, value);
        }

        return ordered;
    }

    private static List<(string Name, object? Value)> FieldNames(object? written) => written switch
    {
        GraphQLObjectValue { Fields: { } fields } => [.. fields.Select(f => (f.Name.StringValue, (object?)f.Value))],
        IDictionary<string, object?> raw => [.. raw.Select(p => (p.Key, p.Value))],
        _ => [],
    };
}
