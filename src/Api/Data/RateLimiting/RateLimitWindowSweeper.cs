using Diecast.GraphQL.Server.Protection.RateLimiting;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Data.RateLimiting;

/// <summary>
/// Deletes counters whose window has passed, so clients seen once (every remote address) do not stay in the table.
/// Every instance sweeps; the deletes are idempotent.
/// </summary>
public sealed class RateLimitWindowSweeper(
    IDbContextFactory<DiecastDbContext> contexts,
    IOptions<RateLimitOptions> options,
    TimeProvider time,
    ILogger<RateLimitWindowSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                // A counter from an earlier window counts nothing any more: the client's next request restarts it.
                var current = FixedWindow.At(time.GetUtcNow(), options.Value.Window).Start.UtcDateTime;
                var deleted = await db.Database.ExecuteSqlAsync($"DELETE FROM rate_limit_windows WHERE window_start < {current}", stoppingToken);
                logger.LogDebug("Deleted {Count} expired rate limit counters", deleted);
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(exception, "Could not delete expired rate limit counters; trying again later");
            }
        }
    }
}
