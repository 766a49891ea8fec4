using System.Diagnostics;
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
            var (exitCode, text, _) = await RunApiAsync(null, "schema", "export", "--output", output);

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

        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.True(seed.ExitCode == 0, seed.Error);
        Assert.True(large.ExitCode == 0, large.Error);
        Assert.Equal("Database migrated.\n", migrate.Output);
        Assert.Contains("Generated 2000 products", large.Output, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM products", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 2060);
    }

    [Fact]
    public async Task An_invalid_command_line_fails_with_usage()
    {
        var (exitCode, output, error) = await RunApiAsync(null, "database", "seed", "--products", "many");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("many", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_token_prints_a_token_the_api_accepts_as_an_admins()
    {
        var (exitCode, output, error) = await RunApiWithEnvironmentAsync(new() { ["Jwt__SigningKey"] = ApiFactory.TestSigningKey }, "admin", "token", "--name", "ops", "--days", "1");
        Assert.True(exitCode == 0, error);
        // Standard output is the token and nothing else, so that TOKEN=$(… admin token …) can be sent as it is.
        Assert.Matches(@"^[\w-]+\.[\w-]+\.[\w-]+\n$", output);

        await using var api = new ApiFactory();
        await api.InitializeAsync();
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", output.TrimEnd('\n'));
        var data = await client.QueryDataAsync("{ orders(first: 1) { nodes { number } } }");

        Assert.Equal(1, data.GetProperty("orders").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Without_a_signing_key_production_refuses_to_issue_tokens()
    {
        var (exitCode, output, error) = await RunApiAsync(null, "admin", "token", "--name", "ops");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Contains("Jwt__SigningKey", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("databse", "migrate")]
    [InlineData("--urls", "http://127.0.0.1:1", "databse", "migrate")]
    [InlineData("migrate")]
    public async Task A_mistyped_command_prints_usage_and_never_starts_the_server(params string[] arguments)
    {
        // The server would keep running until the two-minute timeout; a command line error ends at once.
        var (exitCode, output, error) = await RunApiAsync(null, arguments);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("is not a command", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--days", "1e3", "admin", "token", "--name", "asha", "--days", "1e3")]
    [InlineData("--days", "thirty", "admin", "token", "--name", "asha", "--days", "thirty")]
    [InlineData("--products", "abc", "database", "seed", "--products", "abc")]
    [InlineData("--products", "99999999999", "database", "seed", "--products", "99999999999")]
    public async Task A_value_that_is_not_a_number_is_named_in_the_command_lines_words(string option, string value, params string[] arguments)
    {
        var (exitCode, output, error) = await RunApiAsync(null, arguments);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains($"{option} must be a whole number; '{value}' is not one.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    public async Task Help_prints_the_commands_on_standard_output_and_exits_with_0(string argument)
    {
        var (exitCode, output, error) = await RunApiAsync(null, argument);

        Assert.True(exitCode == 0, error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("database", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output + error, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunApiAsync(string? connectionString, params string[] arguments) =>
        RunApiAsync(connectionString, [], arguments);

    private static Task<(int ExitCode, string Output, string Error)> RunApiWithEnvironmentAsync(Dictionary<string, string> environment, params string[] arguments) =>
        RunApiAsync(null, environment, arguments);

    /// <summary>The built API as a process; its standard output and standard error apart.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunApiAsync(string? connectionString, Dictionary<string, string> environment, string[] arguments)
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
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
