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
        WriteProject(_project.FullName);
        Directory.CreateDirectory(Path.Combine(_project.FullName, "Queries"));
        File.WriteAllText(Path.Combine(_project.FullName, "Queries", "Titles.graphql"), "query Titles {\n  books {\n    nodes { titel }\n  }\n}\n");

        var (exitCode, output) = await BuildAsync(_project.FullName);

        Assert.True(exitCode != 0, output);
        Assert.Contains(
            Path.Combine(_project.FullName, "Queries", "Titles.graphql") + "(3,13): error DGQL0010: Cannot query field 'titel' on type 'Book'.",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_is_regenerated_when_anything_in_the_generator_folder_changes_and_identical_output_keeps_its_timestamp()
    {
        // A folder name with an apostrophe: the targets must not quote paths into property functions naively.
        var folder = Directory.CreateDirectory(Path.Combine(_project.FullName, "it's here")).FullName;
        WriteProject(folder);
        File.WriteAllText(Path.Combine(folder, "Titles.graphql"), "query Titles { books { nodes { title } } }\n");
        var obj = Path.Combine(folder, "obj", "Debug", "net10.0");
        var (code, stamp) = (Path.Combine(obj, "ThrowawayClient.g.cs"), Path.Combine(obj, "ThrowawayClient.graphql.stamp"));

        var first = await BuildAsync(folder);
        Assert.True(first.ExitCode == 0, first.Output);
        var (codeWritten, firstRun) = (File.GetLastWriteTimeUtc(code), File.GetLastWriteTimeUtc(stamp));

        var second = await BuildAsync(folder);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(firstRun, File.GetLastWriteTimeUtc(stamp));

        // An implementation-only change in Diecast.GraphQL.Client (document ids, manifest format) changes no byte of the
        // generator's own dll. Its timestamp is put back afterwards, so nothing else rebuilds because of this test.
        // The throwaway project builds in Debug, so it runs the generator from its Debug folder.
        var runtime = RepositoryPaths.Combine("src", "ClientGenerator", "bin", "Debug", "net10.0", "Diecast.GraphQL.Client.dll");
        var runtimeWritten = File.GetLastWriteTimeUtc(runtime);
        try
        {
            File.SetLastWriteTimeUtc(runtime, DateTime.UtcNow);
            var third = await BuildAsync(folder);
            Assert.True(third.ExitCode == 0, third.Output);
        }
        finally
        {
            File.SetLastWriteTimeUtc(runtime, runtimeWritten);
        }

        Assert.True(File.GetLastWriteTimeUtc(stamp) > firstRun, "The generator did not run after a dll in its folder changed.");
        Assert.Equal(codeWritten, File.GetLastWriteTimeUtc(code));
    }

    public void Dispose() => _project.Delete(recursive: true);

    private static void WriteProject(string folder)
    {
        var generator = RepositoryPaths.Combine("src", "ClientGenerator");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Throwaway.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <GraphQLClientName>ThrowawayClient</GraphQLClientName>
              </PropertyGroup>
              <ItemGroup>
                <GraphQLSchema Include="{Path.Combine(AppContext.BaseDirectory, "Fixtures", "schema.graphql")}" />
                <ProjectReference Include="{Path.Combine(generator, "ClientGenerator.csproj")}" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{RepositoryPaths.Combine("src", "GraphQL.Client", "GraphQL.Client.csproj")}" />
              </ItemGroup>
              <Import Project="{Path.Combine(generator, "build", "Diecast.ClientGenerator.targets")}" />
            </Project>
            """);
    }

    private static Task<(int ExitCode, string Output)> BuildAsync(string folder) => RunAsync(
        folder,
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
        // The generator is already built (this test project references it); building it again here would race
        // with other test assemblies of the same run.
        "build", "-p:BuildProjectReferences=false", "-nodeReuse:false", "--disable-build-servers", "-nologo", "-v", "q");

    private static async Task<(int ExitCode, string Output)> RunAsync(string folder, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = folder,
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
