using System.Collections;
using System.Linq.Expressions;

namespace Diecast.GraphQL.Querying.Sorting;

/// <summary>Turns a parsed <c>order:</c> argument into sort keys, in the order given.</summary>
public static class SortExpressionBuilder
{
    public static List<SortKey> Build<TSource>(IEnumerable? order, ISortDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var keys = new List<SortKey>();
        if (order is null)
        {
            return keys;
        }

        var parameter = Expression.Parameter(typeof(TSource), "x");
        foreach (var entry in order.OfType<IDictionary<string, object?>>())
        {
            AddKeys(keys, parameter, parameter, entry, definition, "");
        }

        return keys;
    }

    private static void AddKeys(List<SortKey> keys, ParameterExpression root, Expression instance, IDictionary<string, object?> entry, ISortDefinition definition, string prefix)
    {
        foreach (var (name, value) in entry)
        {
            if (value is null || !definition.TryGetField(name, out var field))
            {
                continue;
            }

            var member = field.Member.ApplyTo(instance);
            if (field.Nested is { } nested)
            {
                AddKeys(keys, root, member, (IDictionary<string, object?>)value, nested, $"{prefix}{name}.");
            }
            else if (!keys.Exists(k => k.Name == prefix + name))
            {
                // A key already in the order has broken every tie it can, so a repeat changes no row's place. Dropping
                // it keeps the number of keys (and the depth of the ordering and cursor expressions built from them) to
                // the fields the schema declares, not the length of the caller's list.
                keys.Add(new SortKey(prefix + name, Expression.Lambda(member, root), (SortDirection)value));
            }
        }
    }
}
