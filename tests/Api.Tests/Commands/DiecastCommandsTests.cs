using Diecast.Api.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.Api.Tests.Commands;

/// <summary>How a command line is told apart from the web server's arguments, and what a wrong one prints.</summary>
public sealed class DiecastCommandsTests
{
    [Theory]
    [InlineData]
    [InlineData("--urls", "http://localhost:5080")]
    [InlineData("--urls=http://localhost:5080", "--environment", "Production")]
    [InlineData("/contentRoot", "/srv/diecast", "GraphQL:MaxDepth=20")]
    [InlineData("--environment", "Development", "--urls", "http://localhost:5080")]
    public void Arguments_that_only_configure_the_server_start_the_server(params string[] args) =>
        Assert.Equal(-1, DiecastCommands.CommandStart(args));

    [Theory]
    [InlineData(0, "database", "migrate")]
    [InlineData(0, "databse", "migrate")]
    [InlineData(0, "migrate")]
    [InlineData(0, "--help")]
    [InlineData(0, "-h")]
    [InlineData(0, "-?")]
    [InlineData(0, "help")]
    [InlineData(0, "--version")]
    [InlineData(2, "--environment", "Production", "admin", "token", "--name", "asha")]
    [InlineData(2, "--urls", "http://localhost:5080", "databse", "migrate")]
    public void A_word_that_is_not_a_switchs_value_starts_a_command(int start, params string[] args) =>
        Assert.Equal(start, DiecastCommands.CommandStart(args));

    [Theory]
    [InlineData("databse", "migrate")]
    [InlineData("schma", "export")]
    [InlineData("database", "migrat")]
    [InlineData("admin", "tokens", "--name", "asha")]
    public async Task A_mistyped_command_is_named_with_the_likely_one_and_usage_on_standard_error(params string[] args)
    {
        var (exitCode, output, error) = await InvokeAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("is not a command. Did you mean", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("database")]
    [InlineData("database", "migrate", "now")]
    [InlineData("schema", "export", "--bogus")]
    [InlineData("schema", "export", "--output")]
    [InlineData("admin", "token")]
    [InlineData("admin", "token", "--name")]
    [InlineData("admin", "token", "--name", "asha", "--days")]
    [InlineData("admin", "token", "--name", "asha", "--days", "thirty")]
    [InlineData("database", "seed", "--products", "many")]
    public async Task A_command_line_that_does_not_parse_prints_usage_on_standard_error_and_exits_with_2(params string[] args)
    {
        var (exitCode, output, error) = await InvokeAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("help", "admin", "token")]
    [InlineData("admin", "token", "--help")]
    [InlineData("database", "-?")]
    public async Task Help_prints_usage_on_standard_output_and_exits_with_0(params string[] args)
    {
        var (exitCode, output, error) = await InvokeAsync(args);

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public async Task A_command_that_fails_says_why_in_a_line_without_a_stack_trace()
    {
        // No AccessTokenIssuer is registered: the command fails as it would without a database or a signing key.
        var (exitCode, output, error) = await InvokeAsync("admin", "token", "--name", "asha");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Contains("AccessTokenIssuer", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] args)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DiecastCommands.InvokeAsync(DiecastCommands.BuildRootCommand(services), args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
