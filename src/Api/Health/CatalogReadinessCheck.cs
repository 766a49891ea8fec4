using Diecast.Api.Catalog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Diecast.Api.Health;

/// <summary>
/// Ready means the API can serve its catalog now: a real query of <c>products</c> (the catalog's predicate, one
/// row) within a short lock and statement timeout. Only opening a connection, as before,
/// kept an instance "ready" through a 40-second lock on <c>products</c> while every catalog query blocked.
/// A failure is logged here, database failures through <see cref="DatabaseFailureLog"/> (a load balancer probing every
/// second through an outage writes a line per kind per interval, not one per probe): the health check service's own
/// error entry for every unhealthy result is filtered out where the check is registered.
/// </summary>
public sealed partial class CatalogReadinessCheck(
    IDbContextFactory<DiecastDbContext> contextFactory,
    DatabaseFailureLog failureLog,
    ILogger<CatalogReadinessCheck> logger) : IHealthCheck
{
    /// <summary>
    /// How long the check waits for a lock on <c>products</c> (1 s) and lets its query run (2 s): far less than the
    /// health check's own 5 s, so a blocked catalog answers "unready" rather than nothing.
    /// </summary>
    private const string Limits = "SET LOCAL lock_timeout = '1s'; SET LOCAL statement_timeout = '2s'";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            // SET LOCAL needs the transaction, and a transaction has a connection of its own, multiplexed or not.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(Limits, cancellationToken);
            await db.Products.Select(p => p.Id).FirstOrDefaultAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (DatabaseFailure.Of(exception) is { } failure)
        {
            failureLog.Report(failure, exception, "readiness check");
            return HealthCheckResult.Unhealthy(failure.Code);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogCheckFailed(logger, exception);
            return HealthCheckResult.Unhealthy("The catalog could not be read.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The readiness check failed unexpectedly.")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
