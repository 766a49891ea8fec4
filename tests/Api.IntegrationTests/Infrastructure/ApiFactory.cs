using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The Api in-process, in a non-Development environment (so exception details stay hidden, as in production),
/// on its own copy of the seeded test database.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>One random signing key per test run, as an operator would configure one.</summary>
    public static readonly string TestSigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    /// <summary>
    /// Razorpay test keys pointing nowhere (127.0.0.1:9 refuses connections), so that a Production host starts (it needs
    /// keys) and nothing reaches the internet. A test that talks to Razorpay overrides them with a FakeRazorpay's Settings.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> TestRazorpaySettings = new Dictionary<string, string>
    {
        ["Razorpay:KeyId"] = "rzp_test_diecasttests",
        ["Razorpay:KeySecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)),
        ["Razorpay:WebhookSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)),
        ["Razorpay:BaseUrl"] = "http://127.0.0.1:9/v1/",
    };

    public string ConnectionString { get; private set; } = "";

    /// <summary>The SQL this instance runs.</summary>
    public SqlRecorder Sql { get; } = new();

    public virtual async Task InitializeAsync() => ConnectionString = await TestCluster.CreateDatabaseAsync();

    /// <summary>Runs this instance on another instance's database, as a second API instance behind a load balancer would.</summary>
    public Task UseDatabaseAsync(string connectionString)
    {
        ConnectionString = connectionString;
        return Task.CompletedTask;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Diecast", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Jwt:SigningKey", TestSigningKey);
        foreach (var (name, value) in TestRazorpaySettings)
        {
            builder.UseSetting(name, value);
        }

        // Test classes send far more mutations a minute than a person would; RateLimitingTests sets its own limits.
        builder.UseSetting("GraphQL:RateLimit:MutationsPerWindow", "100000");
        // The background jobs stay off in-process: dozens of test hosts polling would crowd the test cluster's connections
        // and the SQL a test records. Their tests run one pass directly (RunOnceAsync) or switch them on.
        builder.UseSetting("Payments:WebhookWorkerEnabled", "false");
        builder.UseSetting("Payments:ReconciliationEnabled", "false");
        builder.UseSetting("Checkout:ExpiryEnabled", "false");
        builder.UseSetting("Media:OrphanCleanupEnabled", "false");
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Sql));
    }
}
