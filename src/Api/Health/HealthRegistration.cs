using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Diecast.Api.Health;

public static class HealthRegistration
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// <c>/health/live</c>: the process answers (no dependencies checked, so a slow database does not get
    /// instances restarted). <c>/health/ready</c>: the catalog can be read now (<see cref="CatalogReadinessCheck"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapDiecastHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
