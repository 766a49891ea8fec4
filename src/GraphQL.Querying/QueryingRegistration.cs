using Diecast.GraphQL.Querying.Filtering;
using Diecast.GraphQL.Querying.Paging;
using Diecast.GraphQL.Querying.Sorting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Diecast.GraphQL.Querying;

public static class QueryingRegistration
{
    /// <summary>
    /// The services connection fields use: filter building (with <see cref="OrdinalTextFilter"/> unless an
    /// <see cref="ITextFilter"/> is registered), keyset cursors protected by ASP.NET Core Data Protection, paging defaults.
    /// </summary>
    public static IServiceCollection AddGraphQLQuerying(this IServiceCollection services, PagingOptions? paging = null)
    {
        services.AddDataProtection();
        services.TryAddSingleton<ITextFilter>(OrdinalTextFilter.Instance);
        services.TryAddSingleton<FilterExpressionBuilder>();
        services.TryAddSingleton<ICursorProtector, DataProtectionCursorProtector>();
        services.TryAddSingleton<CursorCodec>();
        services.TryAddSingleton<IEnumSortOrder>(DeclarationEnumSortOrder.Instance);
        services.TryAddSingleton<IRowValueComparison>(NoRowValueComparison.Instance);
        services.TryAddSingleton(paging ?? new PagingOptions());
        return services;
    }
}
