using Diecast.Api.Catalog;
using Diecast.Api.Data.Seed;
using Diecast.Api.Health;
using Diecast.Api.Orders;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
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
        // Hosted services start one after another in registration order, and some read the database as they start
        // (Data Protection reads its key ring from it): the database is reached and migrated before any of them.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseStartup>());
        // Resolvers run in parallel, so each gets its own short-lived context from the pool.
        services.AddPooledDbContextFactory<DiecastDbContext>((sp, options) =>
        {
            ConfigureDbContext(options, sp.GetRequiredService<DatabaseConnection>().GetConnectionString());
            // Registered interceptors (auditing, metrics, tests' statement recorders) join every context.
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContext());
        // One key ring for every instance, so a cursor issued by one instance opens on any other.
        services.AddDbContext<DataProtectionKeyRingContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<DatabaseConnection>().GetConnectionString())
            .UseSnakeCaseNamingConvention());
        services.AddDataProtection().SetApplicationName("Diecast").PersistKeysToDbContext<DataProtectionKeyRingContext>();
        services.AddTransient<DemoDataSeeder>();
        services.AddTransient<LargeCatalogSeeder>();
        services.AddHealthChecks().AddDbContextCheck<DiecastDbContext>("database", tags: [HealthRegistration.ReadyTag]);
        return builder;
    }

    /// <summary>The one place the Npgsql provider is configured; design-time tooling uses it too.</summary>
    public static void ConfigureDbContext(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithPoolingSettings(connectionString), npgsql => npgsql
                .MapEnum<Genre>()
                .MapEnum<CollectionStatus>()
                .MapEnum<OrderStatus>())
            .UseSnakeCaseNamingConvention()
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            // Archived products are hidden by a query filter, yet order items must keep pointing at them: order
            // queries ignore the filter, and order items load their products by id with it ignored too.
            .ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    /// <summary>
    /// The API keeps no session state on its connections (no SET, temp tables or session locks; advisory locks are
    /// per transaction), so a pooled connection need not be reset with DISCARD ALL each time it is reused, and
    /// concurrent commands can share physical connections (Npgsql multiplexing: fewer round trips and system calls
    /// under load; transactions still get a connection of their own). Each gave about a quarter more throughput on
    /// the catalog benchmark. Multiplexed connections are async-only, which the API is. An explicit setting in the
    /// connection string wins.
    /// </summary>
    public static string WithPoolingSettings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        if (builder.Pooling && !connectionString.Contains("Multiplexing", StringComparison.OrdinalIgnoreCase))
        {
            builder.Multiplexing = true;
        }

        return builder.ConnectionString;
    }
}
