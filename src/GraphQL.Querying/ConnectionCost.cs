using System.Collections;
using Diecast.GraphQL.Querying.Filtering;
using GraphQL.Validation.Complexity;

namespace Diecast.GraphQL.Querying;

/// <summary>
/// What a connection costs in the database, as complexity impact for GraphQL.NET's analyzer. A page is cheap however
/// wide (an index range scan that stops at <c>first</c> rows), so fields and page size alone under-weigh the
/// queries that read the whole filtered set: a count, and pattern matches no index serves. The catalog benchmark
/// (README, a million products) has a first page at 4 ms p50, <c>totalCount</c> of a 125,000-row filter at 93 ms and a
/// ranked search at 420 ms; three counted broad searches took about 600 ms on 300,000 products. GraphQL.NET's default
/// of one point per field puts a storefront page in the hundreds.
/// </summary>
public static class ConnectionCost
{
    /// <summary>
    /// <c>totalCount</c>: a count over every row the filter lets through. With the weights below, one connection
    /// counting a broad filter stays under an expensive-query threshold of 2,000; three in one document reach it.
    /// </summary>
    public const double TotalCountImpact = 600;

    /// <summary>
    /// Each <c>contains</c>, <c>startsWith</c>, <c>endsWith</c> and their negations in a <c>where:</c>: ILIKE cannot use
    /// a b-tree index, trigram indexes cover few columns and no pattern under three characters, and a negation or a
    /// rare pattern reads the whole table before the first page is full. Counted per operation, so an <c>or</c> of
    /// many patterns weighs what it scans.
    /// </summary>
    public const double TextFilterImpact = 600;

    private static readonly HashSet<string> TextOperations = new(StringComparer.Ordinal)
    {
        FilterOperations.Contains, FilterOperations.NotContains,
        FilterOperations.StartsWith, FilterOperations.NotStartsWith,
        FilterOperations.EndsWith, FilterOperations.NotEndsWith,
    };

    /// <summary>The text operations given a value anywhere in a <c>where:</c> value, counted without recursion.</summary>
    public static int TextOperationsIn(object? filter)
    {
        var count = 0;
        var pending = new Stack<object?>();
        pending.Push(filter);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case IDictionary<string, object?> map:
                    foreach (var (name, value) in map)
                    {
                        if (value is not null && TextOperations.Contains(name))
                        {
                            count++;
                        }
                        else
                        {
                            pending.Push(value);
                        }
                    }

                    break;
                case IEnumerable list and not string:
                    foreach (var item in list)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        return count;
    }

    /// <summary>A connection field's impact: one point as any object field, plus its text filters and weighed arguments.</summary>
    internal static FieldComplexityResult Connection(FieldImpactContext context, IReadOnlyDictionary<string, double> argumentImpacts)
    {
        var impact = context.Configuration.DefaultObjectImpact;
        if (context.Arguments is { } arguments)
        {
            if (arguments.TryGetValue("where", out var where))
            {
                impact += TextFilterImpact * TextOperationsIn(where.Value);
            }

            foreach (var (name, weight) in argumentImpacts)
            {
                if (arguments.TryGetValue(name, out var argument) && argument.Value is not (null or ""))
                {
                    impact += weight;
                }
            }
        }

        // The connection is one object; its `nodes` and `edges` lists take `first`/`last` as their multiplier.
        return new FieldComplexityResult(impact, 1);
    }
}
