namespace Diecast.Api.Data;

public static class ResolveFieldContextDbExtensions
{
    /// <summary>
    /// A context of its own for one resolver: GraphQL.NET runs sibling resolvers in parallel, and one
    /// DbContext must never be used by two at once. Contexts come from a pool, so this is cheap.
    /// </summary>
    public static ValueTask<DiecastDbContext> CreateDbContextAsync(this IResolveFieldContext context) =>
        new(context.RequestServices!.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync(context.CancellationToken));
}
