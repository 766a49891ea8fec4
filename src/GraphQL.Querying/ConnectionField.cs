using System.Collections;
using System.Linq.Expressions;
using Diecast.GraphQL.Querying.Filtering;
using Diecast.GraphQL.Querying.Paging;
using Diecast.GraphQL.Querying.Projections;
using Diecast.GraphQL.Querying.Sorting;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.GraphQL.Querying;

public static class ConnectionFieldExtensions
{
    /// <summary>
    /// A Relay connection field over an EF Core query, shaped as HotChocolate's <c>[UsePaging]</c> (with filtering,
    /// sorting and projection as configured): <c>name(first, after, last, before, where, order): {Name}Connection</c>.
    /// </summary>
    public static ConnectionField<TSource> Connection<TNodeGraphType, TSource>(this IComplexGraphType parent, string name)
        where TNodeGraphType : IComplexGraphType
    {
        ArgumentNullException.ThrowIfNull(parent);
        var typeName = char.ToUpperInvariant(name[0]) + name[1..];
        var field = new FieldType
        {
            Name = name,
            ResolvedType = new ConnectionGraphType<TNodeGraphType, TSource>($"{typeName}Connection", $"{typeName}Edge"),
            Arguments = new QueryArguments(
                new QueryArgument<IntGraphType> { Name = "first", Description = "Returns the first _n_ elements from the list." },
                new QueryArgument<StringGraphType> { Name = "after", Description = "Returns the elements in the list that come after the specified cursor." },
                new QueryArgument<IntGraphType> { Name = "last", Description = "Returns the last _n_ elements from the list." },
                new QueryArgument<StringGraphType> { Name = "before", Description = "Returns the elements in the list that come before the specified cursor." }),
        };
        parent.AddField(field);
        return new ConnectionField<TSource>(field, typeof(TNodeGraphType));
    }
}

/// <summary>Configures a connection field; see <see cref="ConnectionFieldExtensions.Connection{TNodeGraphType, TSource}"/>.</summary>
public sealed class ConnectionField<TSource>
{
    private readonly FieldType _field;
    private readonly Type _nodeGraphType;
    private IFilterDefinition? _filter;
    private ISortDefinition? _sort;
    private SortKey? _key;
    private Func<IResolveFieldContext, IQueryable<TSource>, QueryRefinement<TSource>>? _refine;
    private IComplexGraphType? _nodeType;
    private readonly Dictionary<string, double> _argumentImpacts = new(StringComparer.Ordinal);

    internal ConnectionField(FieldType field, Type nodeGraphType)
    {
        _field = field;
        _nodeGraphType = nodeGraphType;
        _field.WithComplexityImpact(context => ConnectionCost.Connection(context, _argumentImpacts));
    }

    public ConnectionField<TSource> Description(string description)
    {
        _field.Description = description;
        return this;
    }

    /// <summary>The unique key (usually the primary key), appended to every ordering so the order is total.</summary>
    public ConnectionField<TSource> Key<TKey>(Expression<Func<TSource, TKey>> key)
    {
        _key = new SortKey(key.MemberName().ToCamelCase(), key, SortDirection.Ascending);
        return this;
    }

    /// <summary>Adds <c>where: {Type}FilterInput</c>.</summary>
    public ConnectionField<TSource> Filtering<TFilterInputGraphType>()
        where TFilterInputGraphType : InputObjectGraphType, IFilterDefinition, new()
    {
        _filter = new TFilterInputGraphType();
        _field.Arguments!.Add(new QueryArgument<TFilterInputGraphType> { Name = "where" });
        return this;
    }

    /// <summary>Adds <c>order: [{Type}SortInput!]</c>.</summary>
    public ConnectionField<TSource> Sorting<TSortInputGraphType>()
        where TSortInputGraphType : InputObjectGraphType, ISortDefinition, new()
    {
        _sort = new TSortInputGraphType();
        _field.Arguments!.Add(new QueryArgument<ListGraphType<NonNullGraphType<TSortInputGraphType>>> { Name = "order" });
        return this;
    }

    /// <summary>Adds a further argument, for <see cref="Refine"/> to read.</summary>
    public ConnectionField<TSource> Argument<TArgumentGraphType>(string name, string description, Action<QueryArgument>? configure = null)
        where TArgumentGraphType : IGraphType
    {
        var argument = new QueryArgument<TArgumentGraphType> { Name = name, Description = description };
        configure?.Invoke(argument);
        _field.Arguments!.Add(argument);
        return this;
    }

    /// <summary>
    /// Adds <paramref name="impact"/> to the field's complexity whenever the argument is given (not null or empty): for
    /// arguments that make the database read far more than a page, such as a full-text search. See <see cref="ConnectionCost"/>.
    /// </summary>
    public ConnectionField<TSource> ArgumentImpact(string name, double impact)
    {
        _argumentImpacts[name] = impact;
        return this;
    }

    /// <summary>Anything else about the field itself, e.g. its authorization metadata.</summary>
    public ConnectionField<TSource> Configure(Action<FieldType> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_field);
        return this;
    }

    /// <summary>Narrows the source before filtering, and may supply the order used when the client gives none.</summary>
    public ConnectionField<TSource> Refine(Func<IResolveFieldContext, IQueryable<TSource>, QueryRefinement<TSource>> refine)
    {
        _refine = refine;
        return this;
    }

    /// <summary>Narrows the source with the value of the field's argument <paramref name="argument"/>, typed (null when not given).</summary>
    public ConnectionField<TSource> Refine<TArgument>(string argument, Func<TArgument?, IQueryable<TSource>, QueryRefinement<TSource>> refine)
    {
        ArgumentNullException.ThrowIfNull(refine);
        return Refine((context, source) => refine(context.GetArgument<TArgument>(argument), source));
    }

    /// <summary>
    /// Resolves from a pooled <typeparamref name="TDbContext"/> and the value of the field's argument
    /// <paramref name="argument"/>, typed (its default when not given).
    /// </summary>
    public ConnectionField<TSource> ResolveFromDbContext<TDbContext, TArgument>(string argument, Func<TDbContext, TArgument?, IQueryable<TSource>> source)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(source);
        return ResolveFromDbContext<TDbContext>((db, context) => source(db, context.GetArgument<TArgument>(argument)));
    }

    /// <summary>Resolves from a pooled <typeparamref name="TDbContext"/> of its own (resolvers run in parallel).</summary>
    public ConnectionField<TSource> ResolveFromDbContext<TDbContext>(Func<TDbContext, IResolveFieldContext, IQueryable<TSource>> source)
        where TDbContext : DbContext
    {
        var key = _key ?? throw new InvalidOperationException($"Connection '{_field.Name}' needs a Key(...) before it can page.");
        _field.Resolver = new FuncFieldResolver<object?>(async context =>
        {
            var services = context.RequestServices!;
            var pagingOptions = services.GetRequiredService<PagingOptions>();
            var paging = PagingArguments.From(context, pagingOptions);
            var nodeType = _nodeType ??= (IComplexGraphType)context.Schema.AllTypes.First(t => t.GetType() == _nodeGraphType);

            await using var db = await services.GetRequiredService<IDbContextFactory<TDbContext>>().CreateDbContextAsync(context.CancellationToken);
            var all = source(db, context);
            var refinement = _refine?.Invoke(context, all) ?? new QueryRefinement<TSource>(all);
            var query = refinement.Query;
            if (_filter is not null && services.GetRequiredService<FilterExpressionBuilder>().Build<TSource>(Argument(context, "where") as IDictionary<string, object?>, _filter) is { } predicate)
            {
                query = query.Where(predicate);
            }

            var keys = _sort is null ? [] : SortExpressionBuilder.Build<TSource>(WrittenOrder.Apply(context, "order", Argument(context, "order")) as IEnumerable, _sort);
            if (keys.Count == 0 && refinement.DefaultOrder is { } defaultOrder)
            {
                keys.AddRange(defaultOrder);
            }

            if (!keys.Exists(k => k.Name == key.Name))
            {
                keys.Add(key);
            }

            var projection = ProjectionBuilder.Build<TSource>(context, nodeType, ProjectionBuilder.NodeSelections(context), [key.Key.MemberName()]);
            return await KeysetPager.PageAsync(
                query,
                keys,
                paging,
                pagingOptions,
                services.GetRequiredService<CursorCodec>(),
                services.GetRequiredService<IEnumSortOrder>(),
                services.GetRequiredService<IRowValueComparison>(),
                projection,
                ProjectionBuilder.IsSelected(context, "totalCount"),
                context.CancellationToken);
        });
        return this;
    }

    private static object? Argument(IResolveFieldContext context, string name) =>
        context.Arguments is { } arguments && arguments.TryGetValue(name, out var value) ? value.Value : null;
}

/// <summary>A narrowed source, and the order to use when the client gives none (e.g. search rank).</summary>
public sealed record QueryRefinement<TSource>(IQueryable<TSource> Query, IReadOnlyList<SortKey>? DefaultOrder = null);
