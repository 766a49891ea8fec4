using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;

namespace Diecast.GraphQL.Querying.Sorting;

/// <summary>
/// HotChocolate's <c>{Type}SortInput</c>: one <c>SortEnumType</c> field per member the subclass allows, and nested
/// sort inputs for references. Lists cannot be sorted on, as in HotChocolate.
/// </summary>
public abstract class SortInputGraphType<TSource> : InputObjectGraphType, ISortDefinition
{
    private readonly Dictionary<string, SortField> _fields = new(StringComparer.Ordinal);

    bool ISortDefinition.TryGetField(string name, out SortField field) => _fields.TryGetValue(name, out field!);

    protected void Sort<TMember>(Expression<Func<TSource, TMember>> member, string? name = null)
    {
        name ??= member.MemberName().ToCamelCase();
        _fields.Add(name, new SortField(name, member, null));
        Field<SortEnumTypeGraphType>(name);
    }

    protected void SortObject<TSortInputGraphType, TMember>(Expression<Func<TSource, TMember?>> member, string? name = null)
        where TSortInputGraphType : InputObjectGraphType, ISortDefinition, new()
    {
        name ??= member.MemberName().ToCamelCase();
        _fields.Add(name, new SortField(name, member, new TSortInputGraphType()));
        Field<TSortInputGraphType>(name);
    }
}

public interface ISortDefinition
{
    bool TryGetField(string name, out SortField field);
}

public sealed record SortField(string Name, LambdaExpression Member, ISortDefinition? Nested);
