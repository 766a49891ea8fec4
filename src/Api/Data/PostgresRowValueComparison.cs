using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Diecast.GraphQL.Querying.Paging;

namespace Diecast.Api.Data;

/// <summary>
/// Keyset cursors as PostgreSQL row comparisons, <c>(price, id) &gt; (@p0, @p1)</c>: one index condition on the
/// (price, id) index, written with the Npgsql provider's <c>EF.Functions.GreaterThan(ValueTuple, ValueTuple)</c>.
/// </summary>
public sealed class PostgresRowValueComparison : IRowValueComparison
{
    // ValueTuple.Create has overloads up to seven items; an eighth would need a nested tuple.
    private const int MaxKeys = 7;

    private static readonly Expression Functions = Expression.Property(null, typeof(EF), nameof(EF.Functions));
    private static readonly MethodInfo GreaterThan = RowComparison(nameof(NpgsqlDbFunctionsExtensions.GreaterThan));
    private static readonly MethodInfo LessThan = RowComparison(nameof(NpgsqlDbFunctionsExtensions.LessThan));
    private static readonly MethodInfo[] CreateTuple = [.. typeof(ValueTuple).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name == nameof(ValueTuple.Create) && m.GetParameters().Length is > 0 and <= MaxKeys)
        .OrderBy(m => m.GetParameters().Length)];

    public Expression? Compare(ExpressionType comparison, IReadOnlyList<Expression> keys, IReadOnlyList<Expression> values)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        if (keys.Count is < 2 or > MaxKeys || keys.Count != values.Count)
        {
            return null;
        }

        var method = comparison switch
        {
            ExpressionType.GreaterThan => GreaterThan,
            ExpressionType.LessThan => LessThan,
            _ => null,
        };
        return method is null ? null : Expression.Call(method, Functions, Row(keys), Row(values));
    }

    private static UnaryExpression Row(IReadOnlyList<Expression> items)
    {
        var create = CreateTuple[items.Count - 1].MakeGenericMethod([.. items.Select(i => i.Type)]);
        return Expression.Convert(Expression.Call(create, items), typeof(ITuple));
    }

    private static MethodInfo RowComparison(string name) =>
        typeof(NpgsqlDbFunctionsExtensions).GetMethod(name, [typeof(DbFunctions), typeof(ITuple), typeof(ITuple)])
        ?? throw new InvalidOperationException($"The Npgsql provider has no row value {name}.");
}
