using System.Collections;
using System.Linq.Expressions;
using Diecast.GraphQL.Querying.Sorting;

namespace Diecast.GraphQL.Querying.Paging;

/// <summary>
/// Comparisons of a sort key with a cursor value, as the database orders them: strings through string.Compare
/// (SQL's comparison), Booleans as false &lt; true, enums in the database's order (as a set of the values beyond
/// the cursor's), NULL after every value ascending and before every value descending.
/// </summary>
internal sealed class KeyComparer(IEnumSortOrder enumOrder)
{
    private static readonly System.Reflection.MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    /// <summary>Rows beyond <paramref name="value"/> in the key's direction.</summary>
    public Expression Beyond(Expression key, object? value, SortDirection direction)
    {
        var isNull = MemberExpressions.CanBeNull(key.Type) ? Expression.Equal(key, Expression.Constant(null, key.Type)) : null;
        if (direction == SortDirection.Ascending)
        {
            // Ascending, NULL is last: beyond a value are greater values and NULLs; beyond NULL is nothing.
            return value is null ? Expression.Constant(false) : OrElse(Compare(ExpressionType.GreaterThan, key, value), isNull);
        }

        // Descending, NULL is first: beyond NULL is every value; beyond a value are smaller values.
        return value is null ? Expression.Not(isNull!) : Compare(ExpressionType.LessThan, key, value);
    }

    public static BinaryExpression Same(Expression key, object? value) =>
        value is null ? Expression.Equal(key, Expression.Constant(null, key.Type)) : Expression.Equal(key, QueryParameter.For(value, key.Type));

    public Expression Compare(ExpressionType comparison, Expression key, object value)
    {
        var type = Nullable.GetUnderlyingType(key.Type) ?? key.Type;
        if (type.IsEnum)
        {
            return InValues(key, OrderedValues(type, comparison, value, enumOrder.Ascending(type)));
        }

        if (type == typeof(bool))
        {
            return InValues(key, OrderedValues(type, comparison, value, [false, true]));
        }

        var parameter = QueryParameter.For(value, key.Type);
        return type == typeof(string)
            ? Expression.MakeBinary(comparison, Expression.Call(StringCompare, key, parameter), Expression.Constant(0))
            : Expression.MakeBinary(comparison, key, parameter);
    }

    /// <summary>The values of a small ordered domain that satisfy the comparison with <paramref name="value"/>.</summary>
    private static IList OrderedValues(Type type, ExpressionType comparison, object value, IReadOnlyList<object> ascending)
    {
        var position = ascending.ToList().IndexOf(value);
        var values = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type))!;
        for (var i = 0; i < ascending.Count; i++)
        {
            var include = comparison switch
            {
                ExpressionType.GreaterThan => i > position,
                ExpressionType.GreaterThanOrEqual => i >= position,
                ExpressionType.LessThan => i < position,
                ExpressionType.LessThanOrEqual => i <= position,
                _ => throw new ArgumentOutOfRangeException(nameof(comparison)),
            };
            if (include)
            {
                values.Add(ascending[i]);
            }
        }

        return values;
    }

    private static Expression InValues(Expression key, IList values)
    {
        if (values.Count == 0)
        {
            return Expression.Constant(false);
        }

        var type = values.GetType().GetGenericArguments()[0];
        var member = key.Type == type ? key : Expression.Convert(key, type);
        return Expression.Call(MemberExpressions.EnumerableContains.MakeGenericMethod(type), QueryParameter.For(values, values.GetType()), member);
    }

    private static Expression OrElse(Expression left, Expression? right) => right is null ? left : Expression.OrElse(left, right);
}
