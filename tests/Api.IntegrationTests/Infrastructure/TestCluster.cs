using Diecast.Api.Catalog;
using Diecast.Api.Checkout;
using Diecast.Api.Data;
using Diecast.Api.Data.Seed;
using Diecast.Api.Journal;
using Diecast.Api.Media;
using Diecast.Api.Media.Gallery;
using Diecast.Api.Orders;
using Diecast.Api.Payments;
using Diecast.LocalPostgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run (fsync off), started from the machine's binaries.
/// A template database is migrated and seeded with the demo shop once; every test class gets its own copy.
/// </summary>
public static class TestCluster
{
    public const string TemplateDatabase = "diecast_template";
    private static readonly Lazy<Task<LocalPostgresServer>> Server = new(StartAsync);
    private static int _databaseCount;

    public static Task<LocalPostgresServer> GetServerAsync() => Server.Value;

    /// <summary>A fresh database copied from the migrated, seeded template; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await GetServerAsync();
        var name = $"diecast_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCount)}";
        await server.CreateDatabaseAsync(name, TemplateDatabase);
        return server.GetConnectionString(name);
    }

    /// <summary>A fresh, empty database with no tables at all.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var server = await GetServerAsync();
        var name = $"diecast_empty_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCount)}";
        await server.CreateDatabaseAsync(name);
        return server.GetConnectionString(name);
    }

    private static async Task<LocalPostgresServer> StartAsync()
    {
        RemoveAbandonedClusters();
        var directory = Path.Combine(Path.GetTempPath(), $"diecast-tests-{Guid.NewGuid():N}");
        // Test classes run in parallel, each host with its own pool, and the checkout tests send 50 buyers at once through
        // one or two API instances: more connections at a time than one production instance would open.
        var server = await LocalPostgresServer.StartAsync(new LocalPostgresOptions
        {
            DataDirectory = directory,
            Durable = false,
            Settings = new Dictionary<string, string> { ["max_connections"] = "800" },
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.StopAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(server.DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the next run's RemoveAbandonedClusters.
            }
        };

        await server.CreateDatabaseAsync(TemplateDatabase);
        // No pooling: a template cannot be copied while anyone is connected to it, idle pooled connections included.
        await using (var services = CreateDataServices(server.GetConnectionString(TemplateDatabase) + ";Pooling=false"))
        {
            await using (var db = await services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
            }

            await services.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        return server;
    }

    /// <summary>The Api's data services against a given database, for tests that work below GraphQL.</summary>
    public static ServiceProvider CreateDataServices(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection([new($"ConnectionStrings:{DatabaseConnection.ConnectionStringName}", connectionString)])
            .Build());
        services.AddOptions<DatabaseOptions>();
        services.AddSingleton<DatabaseConnection>();
        services.AddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<DiecastDbContext>((sp, options) =>
        {
            DataRegistration.ConfigureDbContext(options, connectionString);
            options.AddInterceptors(new TimestampInterceptor(sp.GetRequiredService<TimeProvider>()));
        });
        services.AddTransient<DemoDataSeeder>();
        services.AddCatalog().AddJournal().AddOrders().AddCheckout().AddPayments().AddMedia().AddProductGallery();
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Deletes the clusters earlier test runs left behind (a killed run, or an exit too quick for its clean-up: each is
    /// over a gigabyte, and they once filled the disk): folders of ours in the temp directory whose PostgreSQL is not
    /// running and that are older than a few minutes, so a run starting in parallel keeps its own.
    /// </summary>
    private static void RemoveAbandonedClusters()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "diecast-tests-*"))
        {
            try
            {
                var pidFile = Path.Combine(folder, "cluster", "postmaster.pid");
                var running = File.Exists(pidFile)
                    && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)
                    && Directory.Exists($"/proc/{pid}");
                if (!running && Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddMinutes(-5))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Another run is deleting it, or it is not ours to delete: leave it.
            }
        }
    }
}
