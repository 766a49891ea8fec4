using System.Linq.Expressions;
using Diecast.GraphQL.Querying.Sorting;
using Microsoft.EntityFrameworkCore;

namespace Diecast.GraphQL.Querying.Paging;

/// <summary>
/// Keyset (seek) paging: a page starts where the cursor's sort-key values leave off, so a page deep in the set
/// costs about what the first costs, and rows inserted or deleted elsewhere do not shift the pages.
/// </summary>
public static class KeysetPager
{
    /// <summary>
    /// Runs one page query (and a count query when <paramref name="countTotal"/>). <paramref name="keys"/> must end
    /// with a unique key, so that the order is total.
    /// </summary>
    public static async Task<Connection<TSource>> PageAsync<TSource>(
        IQueryable<TSource> filtered,
        IReadOnlyList<SortKey> keys,
        PagingArguments arguments,
        PagingOptions options,
        CursorCodec cursors,
        IEnumSortOrder enumOrder,
        IRowValueComparison rowValues,
        Expression<Func<TSource, TSource>>? projection,
        bool countTotal,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(cursors);
        var pageSize = arguments.PageSize(options);
        var forward = arguments.Forward;
        var ordered = forward ? keys : [.. keys.Select(k => k.Reversed())];

        var query = filtered;
        if (arguments.After is { } after)
        {
            query = query.Where(After<TSource>(keys, cursors.Decode(after, keys, "after"), enumOrder, rowValues));
        }

        if (arguments.Before is { } before)
        {
            var reversed = keys.Select(k => k.Reversed()).ToList();
            query = query.Where(After<TSource>(reversed, cursors.Decode(before, keys, "before"), enumOrder, rowValues));
        }

        // One row more than the page, as HotChocolate fetches, tells whether more follow; with first: 0 or last: 0 that
        // one row is all that is read, so an empty page still says whether rows exist beyond it (Relay's algorithm).
        var rows = await SortKey.Apply(query, ordered).Select(RowSelector(keys, projection)).Take(pageSize + 1).ToListAsync(cancellationToken);
        var hasMore = rows.Count > pageSize;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (!forward)
        {
            rows.Reverse();
        }

        var edges = rows.Select(row => new Edge<TSource>(row.Node, () => cursors.Encode(keys, row.Keys))).ToList();
        var pageInfo = new PageInfo(
            HasNextPage: forward ? hasMore : arguments.Before is not null,
            HasPreviousPage: forward ? arguments.After is not null : hasMore,
            StartCursor: () => edges.Count > 0 ? edges[0].Cursor : null,
            EndCursor: () => edges.Count > 0 ? edges[^1].Cursor : null);
        int? totalCount = countTotal ? await filtered.CountAsync(cancellationToken) : null;
        return new Connection<TSource>(edges, pageInfo, totalCount);
    }

    /// <summary>
    /// Rows strictly after <paramref name="values"/> in the order of <paramref name="keys"/>:
    /// k1 &gt; v1 OR (k1 = v1 AND k2 &gt; v2) OR …, plus a redundant k1 &gt;= v1 so the database can start an index
    /// range scan at the cursor instead of filtering from the first row. NULL sorts as PostgreSQL sorts it: after
    /// every value ascending, before every value descending. When every key runs in one direction and none can be
    /// NULL, a provider with row values gets (k1, k2, …) &gt; (v1, v2, …) instead: one index condition, less to
    /// translate and plan.
    /// </summary>
    internal static Expression<Func<TSource, bool>> After<TSource>(IReadOnlyList<SortKey> keys, object?[] values, IEnumSortOrder enumOrder, IRowValueComparison? rowValues = null)
    {
        var parameter = Expression.Parameter(typeof(TSource), "x");
        if (rowValues is not null && AsRowValues(keys, values, parameter, rowValues) is { } row)
        {
            return Expression.Lambda<Func<TSource, bool>>(row, parameter);
        }

        var comparer = new KeyComparer(enumOrder);
        Expression? any = null;
        Expression equalSoFar = Expression.Constant(true);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i].Key.ApplyTo(parameter);
            var value = values[i];
            var step = AndAlso(equalSoFar, comparer.Beyond(key, value, keys[i].Direction));
            any = any is null ? step : Expression.OrElse(any, step);
            equalSoFar = AndAlso(equalSoFar, KeyComparer.Same(key, value));
        }

        var leading = keys[0].Key.ApplyTo(parameter);
        if (values[0] is { } first && !MemberExpressions.CanBeNull(leading.Type))
        {
            var bound = keys[0].Direction == SortDirection.Ascending
                ? comparer.Compare(ExpressionType.GreaterThanOrEqual, leading, first)
                : comparer.Compare(ExpressionType.LessThanOrEqual, leading, first);
            any = Expression.AndAlso(bound, any!);
        }

        return Expression.Lambda<Func<TSource, bool>>(any!, parameter);
    }

    /// <summary>Keys of one direction that are never NULL and compare as SQL compares them (not enums or Booleans, whose order the pager spells out).</summary>
    private static Expression? AsRowValues(IReadOnlyList<SortKey> keys, object?[] values, ParameterExpression parameter, IRowValueComparison rowValues)
    {
        var direction = keys[0].Direction;
        var members = new Expression[keys.Count];
        var parameters = new Expression[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var member = keys[i].Key.ApplyTo(parameter);
            if (keys[i].Direction != direction || values[i] is null || MemberExpressions.CanBeNull(member.Type) || member.Type.IsEnum || member.Type == typeof(bool))
            {
                return null;
            }

            members[i] = member;
            parameters[i] = QueryParameter.For(values[i], member.Type);
        }

        return rowValues.Compare(direction == SortDirection.Ascending ? ExpressionType.GreaterThan : ExpressionType.LessThan, members, parameters);
    }

    private static Expression AndAlso(Expression left, Expression right) =>
        left is ConstantExpression { Value: true } ? right : Expression.AndAlso(left, right);


    private static Expression<Func<TSource, KeysetRow<TSource>>> RowSelector<TSource>(IReadOnlyList<SortKey> keys, Expression<Func<TSource, TSource>>? projection)
    {
        var parameter = Expression.Parameter(typeof(TSource), "x");
        var node = projection is null ? (Expression)parameter : projection.ApplyTo(parameter);
        var values = Expression.NewArrayInit(typeof(object), keys.Select(k => Expression.Convert(k.Key.ApplyTo(parameter), typeof(object))));
        var row = Expression.MemberInit(
            Expression.New(typeof(KeysetRow<TSource>)),
            Expression.Bind(typeof(KeysetRow<TSource>).GetProperty(nameof(KeysetRow<TSource>.Node))!, node),
            Expression.Bind(typeof(KeysetRow<TSource>).GetProperty(nameof(KeysetRow<TSource>.Keys))!, values));
        return Expression.Lambda<Func<TSource, KeysetRow<TSource>>>(row, parameter);
    }

    private sealed class KeysetRow<TNode>
    {
        public TNode Node { get; init; } = default!;

        public object?[] Keys { get; init; } = [];
    }
}
