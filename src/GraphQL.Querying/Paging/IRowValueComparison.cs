using System.Linq.Expressions;

namespace Diecast.GraphQL.Querying.Paging;

/// <summary>
/// A provider's comparison of several sort keys at once as a row value, <c>(a, b) &gt; (x, y)</c>, which one index
/// range scan on <c>(a, b)</c> answers without the OR-expanded predicate. Optional: without it the keyset pager
/// expands the comparison key by key, which every provider understands.
/// </summary>
public interface IRowValueComparison
{
    /// <summary>
    /// <paramref name="keys"/> compared with <paramref name="values"/> as rows (<see cref="ExpressionType.GreaterThan"/>
    /// or <see cref="ExpressionType.LessThan"/>), or null when the provider cannot compare these keys as a row.
    /// </summary>
    Expression? Compare(ExpressionType comparison, IReadOnlyList<Expression> keys, IReadOnlyList<Expression> values);
}

/// <summary>No row values: the keyset pager always expands the comparison.</summary>
public sealed class NoRowValueComparison : IRowValueComparison
{
    public static NoRowValueComparison Instance { get; } = new();

    public Expression? Compare(ExpressionType comparison, IReadOnlyList<Expression> keys, IReadOnlyList<Expression> values) => null;
}
