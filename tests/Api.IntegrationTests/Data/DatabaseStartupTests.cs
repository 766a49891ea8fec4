using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Diecast.Api.IntegrationTests.Data;

/// <summary>A new user's first start: an empty database that the API migrates and seeds by itself, as in Development.</summary>
public sealed class DatabaseStartupTests
{
    // A cursor is sealed with Data Protection, whose key ring lives in the database: the query reads and writes it.
    private const string FirstPageWithCursor = "{ products(first: 2) { nodes { name } pageInfo { endCursor } } }";

    [Fact]
    public async Task The_first_start_on_an_empty_database_logs_nothing_at_error_level()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();
        var logs = new LogRecorder(LogLevel.Error);

        await using (var api = new SelfMigratingApiFactory(logs))
        {
            await api.UseDatabaseAsync(connectionString);
            using var client = api.CreateClient();
            var data = await client.QueryDataAsync(FirstPageWithCursor);

            Assert.Equal(2, data.GetProperty("products").GetProperty("nodes").GetArrayLength());
        }

        Assert.Empty(logs.Entries);
    }

    [Fact]
    public async Task A_later_start_on_the_migrated_database_logs_nothing_at_error_level_either()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();
        await using (var first = new SelfMigratingApiFactory(new LogRecorder(LogLevel.Error)))
        {
            await first.UseDatabaseAsync(connectionString);
            using var client = first.CreateClient();
            await client.QueryDataAsync(FirstPageWithCursor);
        }

        var logs = new LogRecorder(LogLevel.Error);
        await using (var second = new SelfMigratingApiFactory(logs))
        {
            await second.UseDatabaseAsync(connectionString);
            using var client = second.CreateClient();
            var data = await client.QueryDataAsync(FirstPageWithCursor);

            Assert.False(string.IsNullOrEmpty(data.GetProperty("products").GetProperty("pageInfo").GetProperty("endCursor").GetString()));
        }

        Assert.Empty(logs.Entries);
    }

    /// <summary>The API as Development runs it: migrating and seeding at start, with its logs recorded.</summary>
    private sealed class SelfMigratingApiFactory(LogRecorder logs) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("Database:SeedDemoData", "true");
            builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(logs)));
        }
    }
}
