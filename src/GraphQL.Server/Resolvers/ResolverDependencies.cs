using System.Security.Claims;

namespace Diecast.GraphQL.Server.Resolvers;

/// <summary>
/// What a resolver names in its signature, as the HotChocolate workshop's <c>RegisterAttendeeAsync(input, dbContext, ct)</c>
/// does: a service from the request's scope, or one made for this resolver alone where
/// <see cref="ResolverDependencyRegistration.AddPerResolver{T}"/> says so (a DbContext from a pool: GraphQL.NET runs sibling
/// resolvers in parallel and one context must never serve two at once), or the caller (<see cref="ClaimsPrincipal"/>).
/// What is made per resolver is disposed when the resolver is done.
/// </summary>
public sealed class ResolverDependencies(IResolveFieldContext context) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public T Get<T>()
        where T : notnull
    {
        if (context.RequestServices?.GetService<PerResolver<T>>() is { } perResolver)
        {
            var owned = perResolver.Create(context.RequestServices);
            if (owned is IAsyncDisposable disposable)
            {
                _owned.Add(disposable);
            }

            return owned;
        }

        return FromRequest<T>(context);
    }

    /// <summary>
    /// A dependency that outlives the resolver, for a resolver that returns before its work is done (a data loader's
    /// pending result): the caller or a service from the request's scope. One made per resolver is refused, since
    /// nothing would dispose it.
    /// </summary>
    public static T Shared<T>(IResolveFieldContext context)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.RequestServices?.GetService<PerResolver<T>>() is not null)
        {
            throw new InvalidOperationException($"{typeof(T).Name} is made per resolver; a resolver that returns before its work is done cannot take it.");
        }

        return FromRequest<T>(context);
    }

    /// <summary>The caller, or a service from the request's scope; whoever calls has ruled out a per-resolver dependency.</summary>
    private static T FromRequest<T>(IResolveFieldContext context)
        where T : notnull
    {
        if (typeof(T) == typeof(ClaimsPrincipal))
        {
            return (T)(object)(context.User ?? new ClaimsPrincipal());
        }

        var services = context.RequestServices ?? throw new InvalidOperationException("The resolver has no request services.");
        return services.GetRequiredService<T>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }
}

/// <summary>A dependency that each resolver gets a new instance of (see <see cref="ResolverDependencies"/>).</summary>
public sealed record PerResolver<T>(Func<IServiceProvider, T> Create);

public static class ResolverDependencyRegistration
{
    /// <summary>Each resolver that names <typeparamref name="T"/> gets its own, made by <paramref name="create"/> and disposed after it.</summary>
    public static IServiceCollection AddPerResolver<T>(this IServiceCollection services, Func<IServiceProvider, T> create) =>
        services.AddSingleton(new PerResolver<T>(create));
}
