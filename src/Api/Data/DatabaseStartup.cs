using Diecast.Api.Data.Seed;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Data;

/// <summary>
/// Before the server takes requests: reach the database (starting the private cluster if that is the
/// configuration), then migrate and seed when configured to.
/// </summary>
internal sealed class DatabaseStartup(
    DatabaseConnection connection,
    IDbContextFactory<DiecastDbContext> contextFactory,
    DemoDataSeeder seeder,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await connection.GetConnectionStringAsync(cancellationToken);
        if (options.Value.MigrateOnStartup)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            // EF Core takes a database lock while migrating, so several instances starting together are safe.
            await DatabaseMigration.MigrateAsync(db, cancellationToken);
            logger.LogInformation("Database migrated");
        }

        if (options.Value.SeedDemoData)
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
