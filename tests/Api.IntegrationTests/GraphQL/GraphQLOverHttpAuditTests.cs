using System.Diagnostics;

namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>
/// The graphql-http audit suite (npm package graphql-http, serverAudits), run by Node against the API on a
/// real Kestrel port: every MUST and every SHOULD audit passes.
/// </summary>
public sealed class GraphQLOverHttpAuditTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task Every_MUST_and_SHOULD_audit_passes()
    {
        var results = await RunAuditAsync(api.GraphQLUrl);

        Assert.True(results.Count > 50, $"Only {results.Count} audits ran.");
        var failures = results
            .Where(r => r.Status != "ok" && (r.Name.StartsWith("MUST", StringComparison.Ordinal) || r.Name.StartsWith("SHOULD", StringComparison.Ordinal)))
            .Select(r => $"{r.Id} {r.Name}: {r.Reason}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task<List<AuditResult>> RunAuditAsync(string url)
    {
        var script = RepositoryPaths.Combine("tests", "Api.IntegrationTests", "GraphQL", "GraphQLOverHttpAudit", "audit.mjs");
        var startInfo = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(script)! };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(url);
        using var node = Process.Start(startInfo)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"The audit failed to run: {await error}");
        return JsonSerializer.Deserialize<List<AuditResult>>(await output, JsonSerializerOptions.Web)!;
    }

    private sealed record AuditResult(string Id, string Name, string Status, string? Reason);
}
