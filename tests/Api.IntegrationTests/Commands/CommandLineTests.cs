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

    private static async Task<(int ExitCode, string Output)> RunApiAsync(string? connectionString, params string[] arguments)
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

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
