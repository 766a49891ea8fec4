using System.Diagnostics;

namespace Diecast.ClientGenerator.Tests;

/// <summary>
/// The real contract: `dotnet build` of a project with a broken operation fails, naming the file, line and column.
/// The throwaway project lives in a temporary folder (outside the repository's Directory.Build.props) and uses the
/// generator this test run was built with.
/// </summary>
public sealed class BuildIntegrationTests : IDisposable
{
    private readonly DirectoryInfo _project = Directory.CreateTempSubdirectory("diecast-client-build-");

    [Fact]
    public async Task Building_a_project_with_an_invalid_operation_fails_naming_the_file_and_line()
    {
        var generator = RepositoryPaths.Combine("src", "ClientGenerator");
        File.WriteAllText(Path.Combine(_project.FullName, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_project.FullName, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(_project.FullName, "Throwaway.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <GraphQLClientName>ThrowawayClient</GraphQLClientName>
              </PropertyGroup>
              <ItemGroup>
                <GraphQLSchema Include="{Path.Combine(AppContext.BaseDirectory, "Fixtures", "schema.graphql")}" />
                <ProjectReference Include="{Path.Combine(generator, "ClientGenerator.csproj")}" ReferenceOutputAssembly="false" />
              </ItemGroup>
              <Import Project="{Path.Combine(generator, "build", "Diecast.ClientGenerator.targets")}" />
            </Project>
            """);
        Directory.CreateDirectory(Path.Combine(_project.FullName, "Queries"));
        File.WriteAllText(Path.Combine(_project.FullName, "Queries", "Titles.graphql"), "query Titles {\n  books {\n    nodes { titel }\n  }\n}\n");

        var (exitCode, output) = await RunAsync(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            // The generator is already built (this test project references it); building it again here would race
            // with other test assemblies of the same run.
            "build", "-p:BuildProjectReferences=false", "-nodeReuse:false", "--disable-build-servers", "-nologo", "-v", "q");

        Assert.True(exitCode != 0, output);
        Assert.Contains(
            Path.Combine(_project.FullName, "Queries", "Titles.graphql") + "(3,13): error DGQL0010: Cannot query field 'titel' on type 'Book'.",
            output,
            StringComparison.Ordinal);
    }

    public void Dispose() => _project.Delete(recursive: true);

    private async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = _project.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build of the throwaway project took over 4 minutes.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
