using System.Diagnostics;
using Diecast.Api.IntegrationTests.Infrastructure;
using Npgsql;

namespace Diecast.Api.IntegrationTests.Commands;

/// <summary>The Api's commands, run as a user runs them: the built program with arguments.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Schema_export_writes_the_checked_in_schema()
    {
        var output = Path.Combine(Path.GetTempPath(), $"diecast-schema-{Guid.NewGuid():N}.graphql");
        try
        {
            var (exitCode, text) = await RunApiAsync(null, "schema", "export", "--output", output);

            Assert.True(exitCode == 0, text);
            Assert.Equal(await File.ReadAllTextAsync(RepositoryPaths.Combine("schema.graphql")), await File.ReadAllTextAsync(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Database_migrate_then_seed_builds_a_shop_in_an_empty_database()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();

        var migrate = await RunApiAsync(connectionString, "database", "migrate");
        var seed = await RunApiAsync(connectionString, "database", "seed");
        var large = await RunApiAsync(connectionString, "database", "seed", "--products", "2000");

        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.True(seed.ExitCode == 0, seed.Output);
        Assert.True(large.ExitCode == 0, large.Output);
        Assert.Contains("Generated 2000 products", large.Output, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM products", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 2060);
    }

    [Fact]
    public async Task An_invalid_command_line_fails_with_usage()
    {
        var (exitCode, output) = await RunApiAsync(null, "database", "seed", "--products", "many");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("many", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_token_prints_a_token_the_api_accepts_as_an_admins()
    {
        var (exitCode, output) = await RunApiWithEnvironmentAsync(new() { ["Jwt__SigningKey"] = ApiFactory.TestSigningKey }, "admin", "token", "--name", "ops", "--days", "1");
        Assert.True(exitCode == 0, output);

        await using var api = new ApiFactory();
        await api.InitializeAsync();
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", output.Trim());
        var data = await client.QueryDataAsync("{ orders(first: 1) { nodes { number } } }");

        Assert.Equal(1, data.GetProperty("orders").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Without_a_signing_key_production_refuses_to_issue_tokens()
    {
        var (exitCode, output) = await RunApiAsync(null, "admin", "token", "--name", "ops");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Jwt__SigningKey", output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> RunApiAsync(string? connectionString, params string[] arguments) =>
        RunApiAsync(connectionString, [], arguments);

    private static Task<(int ExitCode, string Output)> RunApiWithEnvironmentAsync(Dictionary<string, string> environment, params string[] arguments) =>
        RunApiAsync(null, environment, arguments);

    private static async Task<(int ExitCode, string Output)> RunApiAsync(string? connectionString, Dictionary<string, string> environment, string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Diecast.Api.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (connectionString is not null)
        {
            startInfo.Environment["ConnectionStrings__Diecast"] = connectionString;
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
