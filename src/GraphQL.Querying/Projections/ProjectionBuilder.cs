using System.Linq.Expressions;
using System.Reflection;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Diecast.GraphQL.Querying.Projections;

/// <summary>
/// Builds <c>x => new T { A = x.A, … }</c> holding only the members the query's selection needs, so the database
/// reads only those columns. A field maps to the member of the same name, or to the members it declares with
/// <see cref="ProjectionFieldExtensions.Projects"/>; if any selected field maps to nothing known,
/// the whole entity is read (correct first, fast second).
/// </summary>
public static class ProjectionBuilder
{
    public const string MetadataKey = "Diecast.GraphQL.Querying.ProjectedMembers";

    /// <summary>The projection for the nodes selected under <paramref name="selections"/>, or null to read whole entities.</summary>
    public static Expression<Func<TSource, TSource>>? Build<TSource>(
        IResolveFieldContext context, IComplexGraphType nodeType, IEnumerable<GraphQLSelectionSet> selections, IEnumerable<string> alwaysRead)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(nodeType);
        ArgumentNullException.ThrowIfNull(selections);
        if (typeof(TSource).GetConstructor(Type.EmptyTypes) is null)
        {
            return null;
        }

        var members = new HashSet<string>(alwaysRead, StringComparer.Ordinal);
        foreach (var selectionSet in selections)
        {
            if (!Collect(context, nodeType, selectionSet, typeof(TSource), members))
            {
                return null;
            }
        }

        var parameter = Expression.Parameter(typeof(TSource), "x");
        var bindings = members
            .Select(name => typeof(TSource).GetProperty(name, BindingFlags.Public | BindingFlags.Instance))
            .Where(property => property is { CanWrite: true })
            .Select(property => Expression.Bind(property!, Expression.Property(parameter, property!)));
        return Expression.Lambda<Func<TSource, TSource>>(Expression.MemberInit(Expression.New(typeof(TSource)), bindings), parameter);
    }

    /// <summary>The selection sets of a connection field's nodes: <c>nodes { … }</c> and <c>edges { node { … } }</c>.</summary>
    public static IEnumerable<GraphQLSelectionSet> NodeSelections(IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var field in Fields(context, context.FieldAst.SelectionSet))
        {
            if (field.Name.StringValue == "nodes" && field.SelectionSet is { } nodes)
            {
                yield return nodes;
            }
            else if (field.Name.StringValue == "edges" && field.SelectionSet is { } edges)
            {
                foreach (var edgeField in Fields(context, edges))
                {
                    if (edgeField.Name.StringValue == "node" && edgeField.SelectionSet is { } node)
                    {
                        yield return node;
                    }
                }
            }
        }
    }

    /// <summary>Whether a field of this name is selected directly under the current field (through fragments too).</summary>
    public static bool IsSelected(IResolveFieldContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Fields(context, context.FieldAst.SelectionSet).Any(f => f.Name.StringValue == name);
    }

    private static bool Collect(IResolveFieldContext context, IComplexGraphType nodeType, GraphQLSelectionSet selectionSet, Type sourceType, HashSet<string> members)
    {
        foreach (var field in Fields(context, selectionSet, nodeType))
        {
            var name = field.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                continue;
            }

            var definition = nodeType.GetField(name);
            if (definition?.GetMetadata<string[]>(MetadataKey) is { } declared)
            {
                members.UnionWith(declared);
            }
            else if (sourceType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } property && IsScalar(property.PropertyType))
            {
                members.Add(property.Name);
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The fields of a selection set, through inline fragments and fragment spreads that apply to the type.</summary>
    private static IEnumerable<GraphQLField> Fields(IResolveFieldContext context, GraphQLSelectionSet? selectionSet, IComplexGraphType? type = null)
    {
        if (selectionSet is null)
        {
            yield break;
        }

        foreach (var selection in selectionSet.Selections)
        {
            var (condition, nested) = selection switch
            {
                GraphQLField field => (null, null),
                GraphQLInlineFragment inline => (inline.TypeCondition, inline.SelectionSet),
                GraphQLFragmentSpread spread when context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                    .FirstOrDefault(f => f.FragmentName.Name == spread.FragmentName.Name) is { } fragment => (fragment.TypeCondition, fragment.SelectionSet),
                _ => ((GraphQLTypeCondition?)null, (GraphQLSelectionSet?)null),
            };
            if (selection is GraphQLField plain)
            {
                yield return plain;
            }
            else if (nested is not null && Applies(condition, type))
            {
                foreach (var field in Fields(context, nested, type))
                {
                    yield return field;
                }
            }
        }
    }

    private static bool Applies(GraphQLTypeCondition? condition, IComplexGraphType? type) =>
        condition is null || type is null || condition.Type.Name.StringValue == type.Name
        || (type is IObjectGraphType objectType && objectType.ResolvedInterfaces.Any(i => i.Name == condition.Type.Name.StringValue));

    private static bool IsScalar(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset) || underlying == typeof(Guid)
            || (underlying != typeof(string) && underlying.IsAssignableTo(typeof(System.Collections.IEnumerable)) && underlying.IsGenericType
                && IsScalar(underlying.GetGenericArguments()[0]))
            || (underlying.IsArray && IsScalar(underlying.GetElementType()!));
    }
}

public static class ProjectionFieldExtensions
{
    /// <summary>Declares the members a computed field reads, so projections keep them (e.g. inStock reads StockQuantity).</summary>
    public static FieldBuilder<TSourceType, TReturnType> Projects<TSourceType, TReturnType>(this FieldBuilder<TSourceType, TReturnType> field, params string[] members)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.WithMetadata(ProjectionBuilder.MetadataKey, members);
    }
}
