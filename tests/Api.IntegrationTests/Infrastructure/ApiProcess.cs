using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The built API as a process of its own (<c>dotnet Diecast.Api.dll</c>, Production settings, Kestrel on a free
/// loopback port) on a throwaway copy of the test database: what a fault that ends the process (a stack overflow
/// cannot be caught) must be tested against, since in-process it would end the test run instead.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    // Set when the host says it has started (Kestrel listens by then) or when the process ends first.
    private readonly TaskCompletionSource _startedOrExited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Lines a test waits for (WaitForOutputAsync), each set when the process writes a line containing its text.
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaitedLines = [];

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote to stdout and stderr so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the API with <paramref name="settings"/> (environment variables) and waits until it answers; on its own
    /// copy of the test database, or on <paramref name="connectionString"/>'s (another instance's, as two instances behind
    /// a balancer share one).
    /// </summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? connectionString = null)
    {
        connectionString ??= await TestCluster.CreateDatabaseAsync();
        var port = FreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Diecast.Api.dll"));
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        startInfo.Environment["ConnectionStrings__Diecast"] = connectionString;
        startInfo.Environment["Database__MigrateOnStartup"] = "false";
        startInfo.Environment["Database__SeedDemoData"] = "false";
        startInfo.Environment["Jwt__SigningKey"] = ApiFactory.TestSigningKey;
        foreach (var (name, value) in ApiFactory.TestRazorpaySettings)
        {
            startInfo.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // The start is read from the host's own "Application started." line, so that line is logged whatever else is.
        startInfo.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => api.Append(e.Data);
        process.ErrorDataReceived += (_, e) => api.Append(e.Data);
        process.Exited += (_, _) => api._startedOrExited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await api.WaitUntilLiveAsync(TimeSpan.FromMinutes(1));
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }

        return api;
    }

    /// <summary>Waits until the process writes a line containing <paramref name="text"/> (or has written one already).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_awaitedLines)
        {
            _awaitedLines.Add((text, seen));
        }

        if (Output.Contains(text, StringComparison.Ordinal))
        {
            seen.TrySetResult();
        }

        try
        {
            await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The API process did not write \"{text}\" within {timeout}:\n{Output}");
        }
    }

    /// <summary>Whether the process still runs and answers <c>/health/live</c>.</summary>
    public async Task<bool> IsLiveAsync()
    {
        if (_process.HasExited)
        {
            return false;
        }

        try
        {
            using var response = await Client.GetAsync(new Uri("/health/live", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        try
        {
            await _startedOrExited.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The API process did not start within {timeout}:\n{Output}");
        }

        if (!await IsLiveAsync())
        {
            throw new InvalidOperationException($"The API process did not start answering:\n{Output}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Application started.", StringComparison.Ordinal))
        {
            _startedOrExited.TrySetResult();
        }

        lock (_awaitedLines)
        {
            foreach (var (text, seen) in _awaitedLines)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    seen.TrySetResult();
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
