using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace Diecast.GraphQL.Querying.Filtering;

/// <summary>
/// Turns a parsed <c>where:</c> argument into an expression tree, so EF Core runs it as SQL. Fields in one object
/// are ANDed; <c>and</c> needs every entry, <c>or</c> any; <c>some</c>/<c>all</c>/<c>none</c>/<c>any</c> become
/// Any/All over the collection. Every value becomes a SQL parameter.
/// </summary>
public sealed class FilterExpressionBuilder(ITextFilter textFilter)
{
    private static readonly MethodInfo EnumerableAnyWithPredicate = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Any) && m.GetParameters().Length == 2);

    private static readonly MethodInfo EnumerableAny = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Any) && m.GetParameters().Length == 1);

    private static readonly MethodInfo EnumerableAll = typeof(Enumerable).GetMethod(nameof(Enumerable.All))!;

    /// <summary>
    /// How deep a <c>where:</c> value may nest, counting objects and lists (<c>{ or: [{ or: [ … ] }] }</c> is four
    /// levels). Real filters nest under ten; the bound keeps the built expression shallow whatever limits the
    /// server in front of this builder configures, since each level adds to its depth and lists add only the
    /// logarithm of their length.
    /// </summary>
    public const int MaxNesting = 32;

    /// <summary>The predicate for a <c>where:</c> value, or null when it constrains nothing.</summary>
    public Expression<Func<TSource, bool>>? Build<TSource>(IDictionary<string, object?>? filter, IFilterDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (filter is null)
        {
            return null;
        }

        if (NestingOf(filter) > MaxNesting)
        {
            throw new QueryArgumentError("FILTER_TOO_DEEP", $"The filter nests deeper than {MaxNesting} levels (objects and lists).");
        }

        var parameter = Expression.Parameter(typeof(TSource), "x");
        var body = BuildObject(parameter, filter, definition, "where");
        return body is null ? null : Expression.Lambda<Func<TSource, bool>>(body, parameter);
    }

    private Expression? BuildObject(Expression instance, IDictionary<string, object?> filter, IFilterDefinition definition, string path)
    {
        var conditions = new List<Expression>();
        foreach (var (name, value) in filter)
        {
            var fieldPath = $"{path}.{name}";
            if (value is null)
            {
                // HotChocolate: a null combinator adds nothing, a null field is HC0026 (it asks no question).
                if (name is FilterOperations.And or FilterOperations.Or)
                {
                    continue;
                }

                throw QueryArgumentError.NullNotAllowed(name, fieldPath);
            }

            var condition = name switch
            {
                FilterOperations.And => Combine(Objects(value).Select((o, i) => BuildObject(instance, o, definition, $"{fieldPath}[{i}]")), Expression.AndAlso),
                FilterOperations.Or => Combine(Objects(value).Select((o, i) => BuildObject(instance, o, definition, $"{fieldPath}[{i}]")), Expression.OrElse),
                _ => BuildField(instance, name, (IDictionary<string, object?>)value, definition, fieldPath),
            };
            if (condition is not null)
            {
                conditions.Add(condition);
            }
        }

        return Combine(conditions, Expression.AndAlso);
    }

    private Expression? BuildField(Expression instance, string name, IDictionary<string, object?> operations, IFilterDefinition definition, string path)
    {
        if (!definition.TryGetField(name, out var field))
        {
            // Validation only lets declared fields through; this guards the builder's own use.
            throw new QueryArgumentError("FILTER_FIELD_UNKNOWN", $"`{name}` cannot be filtered on.");
        }

        var member = field.Member.ApplyTo(instance);
        return field.Kind switch
        {
            FilterFieldKind.Reference => BuildObject(member, operations, field.Nested!, path),
            FilterFieldKind.ObjectList => BuildCollection(member, operations, path, (element, filter, elementPath) => BuildObject(element, filter, field.Nested!, elementPath)),
            _ when OperationGraphTypes.ListElementType(member.Type) is not null =>
                BuildCollection(member, operations, path, (element, filter, elementPath) => BuildOperations(element, filter, elementPath, field.ElementsAreNullable)),
            _ => BuildOperations(member, operations, path, field.IsNullable),
        };
    }

    private static Expression? BuildCollection(Expression collection, IDictionary<string, object?> operations, string path, Func<ParameterExpression, IDictionary<string, object?>, string, Expression?> elementFilter)
    {
        var elementType = OperationGraphTypes.ListElementType(collection.Type)!;
        var conditions = new List<Expression>();
        foreach (var (operation, value) in operations)
        {
            var operationPath = $"{path}.{operation}";
            if (value is null)
            {
                throw QueryArgumentError.NullNotAllowed(operation, operationPath);
            }

            if (operation == FilterOperations.Any)
            {
                Expression any = Expression.Call(EnumerableAny.MakeGenericMethod(elementType), collection);
                conditions.Add((bool)value ? any : Expression.Not(any));
                continue;
            }

            var element = Expression.Parameter(elementType, "e");
            var predicate = elementFilter(element, (IDictionary<string, object?>)value, operationPath) ?? Expression.Constant(true);
            var lambda = Expression.Lambda(predicate, element);
            conditions.Add(operation switch
            {
                FilterOperations.Some => Expression.Call(EnumerableAnyWithPredicate.MakeGenericMethod(elementType), collection, lambda),
                FilterOperations.None => Expression.Not(Expression.Call(EnumerableAnyWithPredicate.MakeGenericMethod(elementType), collection, lambda)),
                FilterOperations.All => Expression.Call(EnumerableAll.MakeGenericMethod(elementType), collection, lambda),
                _ => throw new QueryArgumentError("FILTER_OPERATION_UNKNOWN", $"`{operation}` is not a list operation."),
            });
        }

        return Combine(conditions, Expression.AndAlso);
    }

    /// <summary>The operations on one scalar member; <paramref name="nullable"/> (its C# declaration) decides whether eq, neq, in and nin may take null.</summary>
    private Expression? BuildOperations(Expression member, IDictionary<string, object?> operations, string path, bool nullable)
    {
        var conditions = new List<Expression>();
        foreach (var (operation, value) in operations)
        {
            var operationPath = $"{path}.{operation}";
            var condition = operation switch
            {
                FilterOperations.And => Combine(Objects(value).Select((o, i) => BuildOperations(member, o, $"{operationPath}[{i}]", nullable)), Expression.AndAlso),
                FilterOperations.Or => Combine(Objects(value).Select((o, i) => BuildOperations(member, o, $"{operationPath}[{i}]", nullable)), Expression.OrElse),
                FilterOperations.Eq => EqualTo(member, value, nullable, operationPath),
                FilterOperations.Neq => Expression.Not(EqualTo(member, value, nullable, operationPath)),
                FilterOperations.In => In(member, value, nullable, operationPath),
                FilterOperations.NotIn => Expression.Not(In(member, value, nullable, operationPath)),
                FilterOperations.GreaterThan => Compare(Expression.GreaterThan, member, value, operationPath),
                FilterOperations.NotGreaterThan => Expression.Not(Compare(Expression.GreaterThan, member, value, operationPath)),
                FilterOperations.GreaterThanOrEqual => Compare(Expression.GreaterThanOrEqual, member, value, operationPath),
                FilterOperations.NotGreaterThanOrEqual => Expression.Not(Compare(Expression.GreaterThanOrEqual, member, value, operationPath)),
                FilterOperations.LessThan => Compare(Expression.LessThan, member, value, operationPath),
                FilterOperations.NotLessThan => Expression.Not(Compare(Expression.LessThan, member, value, operationPath)),
                FilterOperations.LessThanOrEqual => Compare(Expression.LessThanOrEqual, member, value, operationPath),
                FilterOperations.NotLessThanOrEqual => Expression.Not(Compare(Expression.LessThanOrEqual, member, value, operationPath)),
                FilterOperations.Contains => textFilter.Contains(member, Text(value, operationPath)),
                FilterOperations.NotContains => Expression.Not(textFilter.Contains(member, Text(value, operationPath))),
                FilterOperations.StartsWith => textFilter.StartsWith(member, Text(value, operationPath)),
                FilterOperations.NotStartsWith => Expression.Not(textFilter.StartsWith(member, Text(value, operationPath))),
                FilterOperations.EndsWith => textFilter.EndsWith(member, Text(value, operationPath)),
                FilterOperations.NotEndsWith => Expression.Not(textFilter.EndsWith(member, Text(value, operationPath))),
                _ => throw new QueryArgumentError("FILTER_OPERATION_UNKNOWN", $"`{operation}` is not a filter operation."),
            };
            if (condition is not null)
            {
                conditions.Add(condition);
            }
        }

        return Combine(conditions, Expression.AndAlso);
    }

    private static BinaryExpression EqualTo(Expression member, object? value, bool nullable, string path)
    {
        if (value is null)
        {
            // As HotChocolate: null is a value only of a member that can hold it; of any other it is HC0026, not a
            // question answered "never" (eq) or "always" (neq).
            return nullable && MemberExpressions.CanBeNull(member.Type)
                ? Expression.Equal(member, Expression.Constant(null, member.Type))
                : throw QueryArgumentError.NullNotAllowed(FilterOperationName(path), path);
        }

        return Expression.Equal(member, QueryParameter.For(ConvertValue(value, member.Type), member.Type));
    }

    private static MethodCallExpression In(Expression member, object? value, bool nullable, string path)
    {
        if (value is null)
        {
            throw QueryArgumentError.NullNotAllowed(FilterOperationName(path), path);
        }

        var values = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(member.Type))!;
        foreach (var item in (IEnumerable)value)
        {
            // HotChocolate refuses a null item for a member that cannot hold null, rather than matching nothing with it.
            if (item is null && !(nullable && MemberExpressions.CanBeNull(member.Type)))
            {
                throw QueryArgumentError.NullNotAllowed(FilterOperationName(path), path);
            }

            values.Add(item is null ? null : ConvertValue(item, member.Type));
        }

        return Expression.Call(MemberExpressions.EnumerableContains.MakeGenericMethod(member.Type), QueryParameter.For(values, values.GetType()), member);
    }

    private static BinaryExpression Compare(Func<Expression, Expression, BinaryExpression> comparison, Expression member, object? value, string path)
    {
        if (value is null)
        {
            throw QueryArgumentError.NullNotAllowed(FilterOperationName(path), path);
        }

        return comparison(member, QueryParameter.For(ConvertValue(value, member.Type), member.Type));
    }

    private static string Text(object? value, string path) =>
        value as string ?? throw QueryArgumentError.NullNotAllowed(FilterOperationName(path), path);

    /// <summary>Converts a parsed GraphQL value to the member's CLR type (int to short, double to float, UTC for times).</summary>
    internal static object ConvertValue(object value, Type memberType)
    {
        var type = Nullable.GetUnderlyingType(memberType) ?? memberType;
        return value switch
        {
            _ when type.IsInstanceOfType(value) && value is not DateTime => value,
            DateTime dateTime when type == typeof(DateTime) => dateTime.Kind switch
            {
                DateTimeKind.Local => dateTime.ToUniversalTime(),
                DateTimeKind.Unspecified => DateTime.SpecifyKind(dateTime, DateTimeKind.Utc),
                _ => dateTime,
            },
            DateTimeOffset offset when type == typeof(DateTime) => offset.UtcDateTime,
            DateTime dateTime when type == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            _ when type.IsEnum => value is string name ? Enum.Parse(type, name, ignoreCase: true) : Enum.ToObject(type, value),
            _ => System.Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture),
        };
    }


    /// <summary>Levels of objects and lists, measured without recursion, so that measuring is safe at any depth.</summary>
    private static int NestingOf(object value)
    {
        var deepest = 0;
        var pending = new Stack<(object Value, int Level)>();
        pending.Push((value, 1));
        while (pending.Count > 0)
        {
            var (current, level) = pending.Pop();
            deepest = Math.Max(deepest, level);
            if (deepest > MaxNesting)
            {
                break;
            }

            IEnumerable<object?> children = current switch
            {
                IDictionary<string, object?> map => map.Values,
                IEnumerable list and not string => list.Cast<object?>(),
                _ => [],
            };
            foreach (var child in children)
            {
                if (child is IDictionary<string, object?> or (IEnumerable and not string))
                {
                    pending.Push((child, level + 1));
                }
            }
        }

        return deepest;
    }

    private static string FilterOperationName(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static IEnumerable<IDictionary<string, object?>> Objects(object? value) =>
        value is IEnumerable list ? list.OfType<IDictionary<string, object?>>() : [];

    /// <summary>
    /// Joins conditions as a balanced tree; none (as in `and: []` or `or: []`) constrains nothing, as in HotChocolate.
    /// Balanced, because every consumer of the tree (EF Core's visitors, the SQL generator, PostgreSQL's parser)
    /// recurses on its depth: a chain as long as the caller's list overflowed the stack at a few thousand terms,
    /// where a balanced tree is 13 levels deep.
    /// </summary>
    private static Expression? Combine(IEnumerable<Expression?> conditions, Func<Expression, Expression, BinaryExpression> combine)
    {
        var all = conditions.OfType<Expression>().ToList();
        return all.Count == 0 ? null : Balanced(all, 0, all.Count, combine);
    }

    private static Expression Balanced(List<Expression> conditions, int start, int count, Func<Expression, Expression, BinaryExpression> combine)
    {
        if (count == 1)
        {
            return conditions[start];
        }

        var half = count / 2;
        return combine(Balanced(conditions, start, half, combine), Balanced(conditions, start + half, count - half, combine));
    }
}
