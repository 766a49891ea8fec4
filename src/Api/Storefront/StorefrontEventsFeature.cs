namespace Diecast.Api.Storefront;

/// <summary>
/// The storefronts' cache eviction, API side: triggers in the database (migration <c>StorefrontEvents</c>) call
/// <c>pg_notify('diecast_storefront', …)</c> in the writing transaction, so only committed changes are announced; each
/// API instance relays them (<see cref="StorefrontEventRelay"/>) to the storefronts subscribed to
/// <c>GET /api/storefront/events</c> (<see cref="StorefrontEventsEndpoint"/>).
/// </summary>
public static class StorefrontEventsFeature
{
    public static IServiceCollection AddStorefrontEvents(this IServiceCollection services)
    {
        services.AddOptions<StorefrontEventsOptions>().BindConfiguration(StorefrontEventsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StorefrontEventRelay>();
        return services;
    }

    public static IEndpointRouteBuilder MapStorefrontEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StorefrontEventsEndpoint.Path, StorefrontEventsEndpoint.StreamAsync);
        return endpoints;
    }
}
