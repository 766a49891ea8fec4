using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;

namespace Diecast.GraphQL.Querying.Filtering;

/// <summary>
/// HotChocolate's <c>{Type}FilterInput</c> for <typeparamref name="TSource"/>: <c>and</c>, <c>or</c>, then one field per
/// member that the subclass allows. Nothing is filterable unless listed.
/// </summary>
public abstract class FilterInputGraphType<TSource> : InputObjectGraphType, IFilterDefinition
{
    private readonly Dictionary<string, FilterField> _fields = new(StringComparer.Ordinal);

    protected FilterInputGraphType()
    {
        var self = typeof(ListGraphType<>).MakeGenericType(typeof(NonNullGraphType<>).MakeGenericType(GetType()));
        Field(FilterOperations.And, self);
        Field(FilterOperations.Or, self);
    }

    Type IFilterDefinition.SourceType => typeof(TSource);

    bool IFilterDefinition.TryGetField(string name, out FilterField field) => _fields.TryGetValue(name, out field!);

    /// <summary>A scalar, string, Boolean or list-of-scalars member, with the operation input its type calls for.</summary>
    protected void Filter<TMember>(Expression<Func<TSource, TMember>> member, string? name = null) =>
        Add(member, name, FilterFieldKind.Scalar, OperationGraphTypes.For(typeof(TMember)));

    /// <summary>An enum member, with the operation input of its enum graph type.</summary>
    protected void FilterEnum<TEnumGraphType, TMember>(Expression<Func<TSource, TMember>> member, string? name = null)
        where TEnumGraphType : EnumerationGraphType, new() =>
        Add(member, name, FilterFieldKind.Scalar, Nullable.GetUnderlyingType(typeof(TMember)) is null
            ? typeof(EnumOperationFilterInputGraphType<TEnumGraphType>)
            : typeof(NullableEnumOperationFilterInputGraphType<TEnumGraphType>));

    /// <summary>A reference to another object, filtered with that object's filter input.</summary>
    protected void FilterObject<TFilterInputGraphType, TMember>(Expression<Func<TSource, TMember?>> member, string? name = null)
        where TFilterInputGraphType : InputObjectGraphType, IFilterDefinition, new() =>
        Add(member, name, FilterFieldKind.Reference, typeof(TFilterInputGraphType), new TFilterInputGraphType());

    /// <summary>A collection of objects, with <c>some</c>, <c>all</c>, <c>none</c> and <c>any</c>.</summary>
    protected void FilterList<TFilterInputGraphType, TElement>(Expression<Func<TSource, IEnumerable<TElement>>> member, string? name = null)
        where TFilterInputGraphType : InputObjectGraphType, IFilterDefinition, new() =>
        Add(member, name, FilterFieldKind.ObjectList, typeof(ListFilterInputGraphType<TFilterInputGraphType>), new TFilterInputGraphType());

    private void Add(LambdaExpression member, string? name, FilterFieldKind kind, Type graphType, IFilterDefinition? nested = null)
    {
        if (member.Body is not MemberExpression and not UnaryExpression)
        {
            throw new ArgumentException("A filter field must be a member access such as p => p.Name.", nameof(member));
        }

        name ??= member.MemberName().ToCamelCase();
        _fields.Add(name, new FilterField(name, member, kind, nested));
        Field(name, graphType);
    }
}

/// <summary>What the expression builder needs to know of a filter input type.</summary>
public interface IFilterDefinition
{
    Type SourceType { get; }

    bool TryGetField(string name, out FilterField field);
}

public enum FilterFieldKind
{
    /// <summary>Scalars, strings, enums and lists of them: an operation input.</summary>
    Scalar,

    /// <summary>A reference to an object: its filter input.</summary>
    Reference,

    /// <summary>A collection of objects: some/all/none/any of its filter input.</summary>
    ObjectList,
}

/// <summary>One filterable member: the GraphQL name, the member it reads, and how it is filtered.</summary>
public sealed record FilterField(string Name, LambdaExpression Member, FilterFieldKind Kind, IFilterDefinition? Nested)
{
    /// <summary>
    /// Whether the member may hold null, from its C# declaration (nullable reference annotations included), as
    /// HotChocolate reads it: <c>eq: null</c> is a question only such a member can answer.
    /// </summary>
    public bool IsNullable => _nullability.Member;

    /// <summary>For a list of scalars, whether its elements may be null; false for anything else.</summary>
    public bool ElementsAreNullable => _nullability.Elements;

    // Read once: each read reflects over the member's nullability attributes.
    private readonly (bool Member, bool Elements) _nullability = MemberNullability.Of(Member);
}

internal static class MemberNullability
{
    /// <summary>Nullability of the member a lambda such as <c>p => p.Name</c> reads, and of its list elements.</summary>
    public static (bool Member, bool Elements) Of(LambdaExpression lambda)
    {
        var body = lambda.Body is UnaryExpression { Operand: var operand } ? operand : lambda.Body;
        if (body is not MemberExpression { Member: var member })
        {
            return (MemberExpressions.CanBeNull(body.Type), true);
        }

        // NullabilityInfoContext caches per instance and is not thread-safe; this runs once per filter field.
        var context = new System.Reflection.NullabilityInfoContext();
        var info = member switch
        {
            System.Reflection.PropertyInfo property => context.Create(property),
            System.Reflection.FieldInfo field => context.Create(field),
            _ => null,
        };
        if (info is null)
        {
            return (MemberExpressions.CanBeNull(body.Type), true);
        }

        var element = info.ElementType ?? (info.GenericTypeArguments.Length == 1 ? info.GenericTypeArguments[0] : null);
        return (info.ReadState != System.Reflection.NullabilityState.NotNull, element is not null && element.ReadState != System.Reflection.NullabilityState.NotNull);
    }
}
