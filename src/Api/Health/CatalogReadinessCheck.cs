using Diecast.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Diecast.Api.Health;

/// <summary>
/// Ready means the API can serve its catalog now: a real query of <c>products</c> (the catalog's predicate, one
/// row) within a short lock and statement timeout. Only opening a connection, as before,
/// kept an instance "ready" through a 40-second lock on <c>products</c> while every catalog query blocked.
/// </summary>
public sealed class CatalogReadinessCheck(IDbContextFactory<DiecastDbContext> contextFactory) : IHealthCheck
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
            return HealthCheckResult.Unhealthy(failure.Code);
        }
    }
}
