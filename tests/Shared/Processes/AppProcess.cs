using System.Diagnostics;
using System.Text;

namespace Diecast.Tests.Processes;

/// <summary>
/// A built app of this repository (<c>dotnet Diecast.Api.dll</c> or <c>dotnet Diecast.Storefront.dll</c>, copied beside
/// the tests by their project references) as a process of its own on 127.0.0.1, configured only by environment
/// variables, as a deployment runs it. Its output is kept for assertions and failure messages; disposing kills it (and
/// its children). Each test project keeps only its own settings (which database, which keys) in front of this.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    // Set when the host says it has started (Kestrel listens by then) or when the process ends first.
    private readonly TaskCompletionSource _startedOrExited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Lines a test waits for (WaitForOutputAsync), each set when the process writes a line containing its text.
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaitedLines = [];

    private AppProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>What the test calls this instance (api-1, storefront-2…): its name in failure messages.</summary>
    public string Name { get; }

    /// <summary>http://127.0.0.1:port, the address the process listens on.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client on <see cref="BaseAddress"/>, disposed with the process.</summary>
    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
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
    /// Starts <paramref name="assembly"/> (e.g. Diecast.Api.dll) from the test's output folder with
    /// <paramref name="environment"/> on <paramref name="port"/> (a free one when null) and waits until the host logs
    /// "Application started." and <paramref name="livePath"/> answers 2xx; throws with the process's output when it
    /// exits first or does not start within <paramref name="startTimeout"/> (two minutes when null).
    /// </summary>
    public static async Task<AppProcess> StartAsync(
        string name, string assembly, IReadOnlyDictionary<string, string> environment, string livePath = "/health/live", int? port = null, TimeSpan? startTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort.Next()}");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        startInfo.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        // The start is read from the host's own "Application started." line, so that line is logged whatever else is.
        startInfo.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var app = new AppProcess(name, process, address);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Exited += (_, _) => app._startedOrExited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilLiveAsync(livePath, startTimeout ?? TimeSpan.FromMinutes(2));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>
    /// Waits until the process writes a line containing <paramref name="text"/> (or has written one already): what a log
    /// says happened, waited on rather than slept for. Throws with the output when <paramref name="timeout"/> passes first.
    /// </summary>
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
            throw new InvalidOperationException($"{Name} did not write \"{text}\" within {timeout}:\n{Output}");
        }
    }

    /// <summary>Whether the process still runs and answers <paramref name="livePath"/> with a 2xx.</summary>
    public async Task<bool> IsLiveAsync(string livePath = "/health/live")
    {
        if (_process.HasExited)
        {
            return false;
        }

        try
        {
            using var response = await Client.GetAsync(new Uri(livePath, UriKind.Relative));
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

    public override string ToString() => $"{Name} ({BaseAddress})";

    private async Task WaitUntilLiveAsync(string livePath, TimeSpan timeout)
    {
        try
        {
            await _startedOrExited.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"{Name} did not start within {timeout}:\n{Output}");
        }

        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} while starting:\n{Output}");
        }

        using var response = await Client.GetAsync(new Uri(livePath, UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Name} answered {livePath} with {(int)response.StatusCode}:\n{Output}");
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
}
