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
