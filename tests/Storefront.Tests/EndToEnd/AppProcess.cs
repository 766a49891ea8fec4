using System.Diagnostics;
using System.Text;
using Diecast.Storefront.Tests.Browser;

namespace Diecast.Storefront.Tests.EndToEnd;

/// <summary>
/// A built app of this repository (<c>dotnet Diecast.Api.dll</c> or <c>dotnet Diecast.Storefront.dll</c>, copied beside
/// the tests by their project references) as a process of its own on 127.0.0.1 and a free port, configured only by
/// environment variables, as a deployment runs it. Its output is kept for assertions and failure messages; disposing
/// kills it (and its children).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _startedOrExited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>What the test calls this instance (api-1, storefront-2…): its name in failure messages and in the proxy's header.</summary>
    public string Name { get; }

    public Uri BaseAddress { get; }

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
    /// <paramref name="environment"/> on <paramref name="port"/> (a free one when null) and waits until
    /// <paramref name="livePath"/> answers 2xx; throws with the process's output when it exits or does not answer within two minutes.
    /// </summary>
    public static async Task<AppProcess> StartAsync(string name, string assembly, IReadOnlyDictionary<string, string> environment, string livePath = "/health/live", int? port = null)
    {
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
            await app.WaitUntilLiveAsync(livePath, TimeSpan.FromMinutes(2));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Waits until the process has written a line containing <paramref name="text"/>: what a log says happened, waited on rather than slept for.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} did not write \"{text}\" within {timeout}:\n{Output}");
            }

            // Polls its own captured output (a state), not the clock of the system under test.
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
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

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} while starting:\n{Output}");
        }

        using var response = await client.GetAsync(new Uri(livePath, UriKind.Relative));
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
    }
}
