using Diecast.Api.Data.Seed;
using Diecast.Api.Health;
using Diecast.GraphQL.Server.Resolvers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Diecast.Api.Data;

public static class DataRegistration
{
    /// <summary>The database: DbContext factory (pooled), start-up migration and seeding, readiness check.</summary>
    public static WebApplicationBuilder AddDiecastData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>()
            .Configure(o =>
            {
                // Development migrates and seeds by itself; Production does so only by command.
                o.MigrateOnStartup = builder.Environment.IsDevelopment();
                o.SeedDemoData = builder.Environment.IsDevelopment();
            })
            .BindConfiguration(DatabaseOptions.Section);

        services.AddSingleton<DatabaseConnection>();
        services.AddSingleton<DatabaseFailureLog>();
        // Hosted services start one after another in registration order, and some read the database as they start
        // (Data Protection reads its key ring from it): the database is reached and migrated before any of them.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseStartup>());
        services.AddSingleton<IInterceptor, TimestampInterceptor>();
        // Resolvers run in parallel, so each gets its own short-lived context from the pool.
        services.AddPooledDbContextFactory<DiecastDbContext>((sp, options) =>
        {
            ConfigureDbContext(options, sp.GetRequiredService<DatabaseConnection>().GetConnectionString());
            // Registered interceptors (timestamps, tests' statement recorders) join every context.
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContext());
        // A resolver that names DiecastDbContext in its signature gets one of its own, disposed when it is done.
        services.AddPerResolver(sp => sp.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContext());
        // One key ring for every instance, so a cursor issued by one instance opens on any other.
        services.AddDbContext<DataProtectionKeyRingContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<DatabaseConnection>().GetConnectionString())
            .UseSnakeCaseNamingConvention());
        var dataProtection = services.AddDataProtection().SetApplicationName("Diecast").PersistKeysToDbContext<DataProtectionKeyRingContext>();
        KeyRingProtection.Configure(dataProtection, builder.Configuration, builder.Environment, builder.Logging);
        services.AddTransient<DemoDataSeeder>();
        services.AddHealthChecks().AddCheck<CatalogReadinessCheck>("database", tags: [HealthRegistration.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        // The check logs its own failures, summarised; the service would add an error entry for every unhealthy probe.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        return builder;
    }

    /// <summary>The one place the Npgsql provider is configured; design-time tooling uses it too.</summary>
    public static void ConfigureDbContext(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithPoolingSettings(connectionString), npgsql =>
            {
                foreach (var feature in IDataModelConfiguration.All)
                {
                    feature.ConfigureNpgsql(npgsql);
                }
            })
            .UseSnakeCaseNamingConvention()
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            // Archived products are hidden by a query filter, yet order items must keep pointing at them: order
            // queries ignore the filter, and order items load their products by id with it ignored too.
            .ConfigureWarnings(warnings => warnings
                .Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)
                // A failed query or save is logged once, by whoever handles it (the GraphQL layer: once per request,
                // summarised in an outage); EF Core's own error entries, each with the full stack, tripled that.
                .Log(
                    (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                    (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                    (RelationalEventId.CommandError, LogLevel.Debug),
                    (RelationalEventId.ConnectionError, LogLevel.Debug),
                    (RelationalEventId.TransactionError, LogLevel.Debug)));

    /// <summary>
    /// The API keeps no session state on its connections (no SET, temp tables or session locks; advisory locks are
    /// per transaction), so a pooled connection need not be reset with DISCARD ALL each time it is reused. An explicit
    /// setting in the connection string wins.
    /// Npgsql multiplexing is left off (a connection string may still set it). It pipelines concurrent requests'
    /// statements on one connection: a statement blocked on a lock holds up every statement queued behind it; a
    /// broken connection fails them all (Npgsql's read loop fails each pending command with "A previous command on
    /// this connection caused an error…"); and a timeout is enforced by PostgreSQL's cancel request, which cancels
    /// whatever the backend is running at that moment, possibly the next request's statement. Our tests (Npgsql
    /// 10.0.3) did not catch a neighbour failing, but nothing guarantees it, and a request must never fail for
    /// another's timeout. Cost on the catalog benchmark: see the README.
    /// Statements the API sends again and again (a checkout's inserts and its reservation, the catalog's pages) are
    /// prepared automatically on each physical connection after a second use, so PostgreSQL parses and plans them once
    /// per connection instead of once per request (Npgsql's automatic preparation; an explicit Max Auto Prepare wins).
    /// </summary>
    public static string WithPoolingSettings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 100;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }
}
