using Diecast.Tests.Processes;

namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The built API as a process of its own (<c>dotnet Diecast.Api.dll</c>, Production settings, Kestrel on a free
/// loopback port) on a throwaway copy of the test database: what a fault that ends the process (a stack overflow
/// cannot be caught) must be tested against, since in-process it would end the test run instead. Only this project's
/// settings live here; starting, waiting, capturing output and stopping are the shared <see cref="AppProcess"/>'s.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly AppProcess _app;

    private ApiProcess(AppProcess app) => _app = app;

    public Uri BaseAddress => _app.BaseAddress;

    public HttpClient Client => _app.Client;

    public bool HasExited => _app.HasExited;

    /// <summary>What the process wrote to stdout and stderr so far, for assertion messages.</summary>
    public string Output => _app.Output;

    /// <summary>
    /// Starts the API with <paramref name="settings"/> (environment variables) and waits until it answers; on its own
    /// copy of the test database, or on <paramref name="connectionString"/>'s (another instance's, as two instances behind
    /// a balancer share one).
    /// </summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? connectionString = null)
    {
        connectionString ??= await TestCluster.CreateDatabaseAsync();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Diecast"] = connectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["Database__SeedDemoData"] = "false",
            ["Jwt__SigningKey"] = ApiFactory.TestSigningKey,
        };
        foreach (var (name, value) in ApiFactory.TestRazorpaySettings)
        {
            environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return new ApiProcess(await AppProcess.StartAsync("The API process", "Diecast.Api.dll", environment, startTimeout: TimeSpan.FromMinutes(1)));
    }

    /// <summary>Waits until the process writes a line containing <paramref name="text"/> (or has written one already).</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) => _app.WaitForOutputAsync(text, timeout);

    /// <summary>Whether the process still runs and answers <c>/health/live</c>.</summary>
    public Task<bool> IsLiveAsync() => _app.IsLiveAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
