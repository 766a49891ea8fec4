using GraphQL.Builders;

namespace Diecast.GraphQL.Server.Resolvers;

/// <summary>Query fields whose resolvers state what they need, as mutations' <c>Resolve</c> does (<see cref="ResolverDependencies"/>).</summary>
public static class FieldDependencies
{
    public static FieldBuilder<TSource, object> ResolveWith<TSource, T1, TResult>(
        this FieldBuilder<TSource, object> field, Func<T1, CancellationToken, Task<TResult>> resolve)
        where T1 : notnull
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(resolve);
        return field.ResolveAsync(async context =>
        {
            await using var dependencies = new ResolverDependencies(context);
            return await resolve(dependencies.Get<T1>(), context.CancellationToken);
        });
    }

    /// <summary>
    /// Resolves from the parent object and a service of the request, e.g. a data loader:
    /// <c>.ResolveWith((Order order, ItemsByOrderIdDataLoader items) =&gt; items.LoadAsync(order.Id))</c>.
    /// The resolver may return before its work is done, so the service is one that outlives it (<see cref="ResolverDependencies.Shared{T}"/>).
    /// </summary>
    public static FieldBuilder<TSource, object> ResolveWith<TSource, T1, TResult>(
        this FieldBuilder<TSource, object> field, Func<TSource, T1, TResult> resolve)
        where T1 : notnull
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(resolve);
        return field.Resolve(context => resolve(context.Source, ResolverDependencies.Shared<T1>(context)));
    }

    /// <summary>Resolves with the field's argument <paramref name="argument"/>, typed, and a dependency.</summary>
    public static FieldBuilder<TSource, object> ResolveWith<TSource, TArgument, T1, TResult>(
        this FieldBuilder<TSource, object> field, string argument, Func<TArgument, T1, CancellationToken, Task<TResult>> resolve)
        where T1 : notnull
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(resolve);
        return field.ResolveAsync(async context =>
        {
            await using var dependencies = new ResolverDependencies(context);
            return await resolve(context.GetArgument<TArgument>(argument), dependencies.Get<T1>(), context.CancellationToken);
        });
    }
}
