using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Diecast.Api.IntegrationTests.Data;

/// <summary>
/// The database failing under the API, for real: unreachable, its connections killed, a table locked past the
/// API's command timeout. Clients get a retryable code of its own (503 when nothing could be answered), one
/// request's timeout never fails another's, and the log gets one short line per kind of failure.
/// </summary>
public sealed class DatabaseFailureTests(DatabaseFailureTests.ShortTimeoutApi api) : IClassFixture<DatabaseFailureTests.ShortTimeoutApi>
{
    private const string Catalog = "{ products(first: 3) { nodes { name } } }";
    private const string Journal = "{ journalEntries(first: 3) { nodes { title } } }";

    [Fact]
    public async Task An_unreachable_database_is_a_retryable_503_that_reveals_nothing()
    {
        var logs = new LogCapture();
        await using var unreachable = Unreachable(logs);
        using var client = unreachable.CreateClient();

        var (response, body) = await client.PostGraphQLAsync(Catalog);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        AssertRetryable(body, "DATABASE_UNAVAILABLE");
        Assert.DoesNotContain("Npgsql", body.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_that_times_out_is_a_retryable_503_and_does_not_fail_a_concurrent_request()
    {
        using var client = api.CreateClient();
        await client.QueryDataAsync(Journal);
        await using (var locker = await LockProductsAsync(api.ConnectionString))
        {
            // The catalog query blocks on the lock until the API's 1 s command timeout; the journal query, sent
            // while it waits, must not be queued behind it on a shared connection and failed with it.
            var blocked = client.PostGraphQLAsync(Catalog);
            await WaitForLockWaitAsync(api.ConnectionString, blocked);
            var concurrent = await client.PostGraphQLAsync(Journal);
            var (response, body) = await blocked;

            Assert.Equal(HttpStatusCode.OK, concurrent.Response.StatusCode);
            Assert.False(concurrent.Body.TryGetProperty("errors", out var errors), errors.ToString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            AssertRetryable(body, "DATABASE_TIMEOUT");
        }

        Assert.Equal(3, (await client.QueryDataAsync(Catalog)).GetProperty("products").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public Task A_connection_killed_under_one_request_fails_only_that_request() => KillOneRequestsConnectionAsync(api);

    /// <summary>
    /// Request A waits on a lock, request B is sent meanwhile on the API's only connection, then A's backend is
    /// terminated: A fails (retryable), B gets a connection of its own and succeeds.
    /// </summary>
    private static async Task KillOneRequestsConnectionAsync(ApiFactory api)
    {
        using var client = api.CreateClient();
        await client.QueryDataAsync(Journal);
        Task<(HttpResponseMessage Response, JsonElement Body)> a, b;
        await using (var locker = await LockProductsAsync(api.ConnectionString))
        {
            a = client.PostGraphQLAsync(Catalog);
            await WaitForLockWaitAsync(api.ConnectionString, a);
            b = client.PostGraphQLAsync(Journal);
            await Task.Yield();
            await TestSql.ExecuteAsync(api.ConnectionString, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        }

        var (_, bodyA) = await a;
        var (_, bodyB) = await b;
        AssertRetryable(bodyA, "DATABASE_UNAVAILABLE");
        Assert.False(bodyB.TryGetProperty("errors", out var errors), errors.ToString());
    }

    [Fact]
    public async Task Connections_killed_by_the_server_are_a_retryable_error_and_the_next_request_succeeds()
    {
        using var client = api.CreateClient();
        await client.QueryDataAsync(Catalog);

        await TestSql.ExecuteAsync(api.ConnectionString, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        var (_, body) = await client.PostGraphQLAsync(Catalog);
        if (body.TryGetProperty("errors", out _))
        {
            // Npgsql finds a killed pooled connection broken only when it uses it; that one request may fail, as retryable.
            AssertRetryable(body, "DATABASE_UNAVAILABLE");
        }

        Assert.Equal(3, (await client.QueryDataAsync(Catalog)).GetProperty("products").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task An_outage_writes_one_short_log_line_per_kind_of_failure_however_many_requests_fail()
    {
        var logs = new LogCapture();
        await using var unreachable = Unreachable(logs);
        using var client = unreachable.CreateClient();
        await client.GetAsync("/health/live");
        logs.Clear();

        for (var i = 0; i < 20; i++)
        {
            var (response, _) = await client.PostGraphQLAsync(Catalog);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        var entries = logs.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        var entry = Assert.Single(entries);
        Assert.Contains("DATABASE_UNAVAILABLE", entry.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", entry.Text, StringComparison.Ordinal);
        Assert.True(logs.Bytes < 2048, $"{logs.Bytes} bytes of log for 20 failed requests");
    }

    [Fact]
    public async Task Readiness_probes_through_an_outage_write_one_short_log_line_not_one_per_probe()
    {
        var logs = new LogCapture();
        await using var unreachable = Unreachable(logs);
        using var client = unreachable.CreateClient();
        await client.GetAsync("/health/live");
        logs.Clear();

        for (var i = 0; i < 10; i++)
        {
            var response = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        var entry = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains("DATABASE_UNAVAILABLE", entry.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", entry.Text, StringComparison.Ordinal);
    }

    private static void AssertRetryable(JsonElement body, string code)
    {
        var error = body.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.True(error.GetProperty("extensions").GetProperty("retryable").GetBoolean());
        Assert.Contains("may be retried", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static WebApplicationFactory<Program> Unreachable(LogCapture logs) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Jwt:SigningKey", ApiFactory.TestSigningKey);
            foreach (var (name, value) in ApiFactory.TestRazorpaySettings)
            {
                builder.UseSetting(name, value);
            }

            builder.UseSetting("ConnectionStrings:Diecast", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        });

    /// <summary>Holds an ACCESS EXCLUSIVE lock on products until disposed, as a migration or a VACUUM FULL would.</summary>
    private static async Task<NpgsqlConnection> LockProductsAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("BEGIN; LOCK TABLE products IN ACCESS EXCLUSIVE MODE", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>
    /// Waits (on the database's own view, not the clock) until some statement waits for a lock, or until
    /// <paramref name="blocked"/> (the request expected to wait) has ended: on a busy machine a 1 s command timeout can
    /// end the wait between two looks, and the loop must not then spin for ever.
    /// </summary>
    private static async Task WaitForLockWaitAsync(string connectionString, Task blocked)
    {
        while (!blocked.IsCompleted
            && await TestSql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            await Task.Yield();
        }
    }

    /// <summary>The API with a 1-second command timeout (a blocked statement times out within the test) and one connection.</summary>
    public sealed class ShortTimeoutApi : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // One connection: without multiplexing the second request waits for it; with multiplexing it would share it.
            builder.UseSetting("ConnectionStrings:Diecast", ConnectionString + ";Command Timeout=1;Maximum Pool Size=1");
        }
    }
}
