using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Diecast.LocalPostgres;
using Npgsql;

namespace Diecast.Benchmarks;

/// <summary>What every benchmark command does around its measurements: options, ports, the repository, the API's readiness.</summary>
internal static class BenchmarkHost
{
    /// <summary>
    /// The benchmarks' private PostgreSQL (<c>.data/benchmark-postgres</c> under <paramref name="root"/>, not durable) with
    /// <paramref name="database"/> made afresh: the one an earlier run left is dropped, so a run's final check counts its
    /// own rows only. Returns the running cluster (the caller disposes it) and the database's connection string.
    /// </summary>
    public static async Task<(LocalPostgresServer Cluster, string ConnectionString)> StartFreshDatabaseAsync(
        string root, string database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = await LocalPostgresServer.StartAsync(new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(root, ".data", "benchmark-postgres"),
            Durable = false,
            Settings = settings ?? new Dictionary<string, string>(),
        });
        await using (var admin = new NpgsqlConnection(cluster.GetConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        await cluster.CreateDatabaseAsync(database);
        return (cluster, cluster.GetConnectionString(database));
    }

    /// <summary>The integer after <paramref name="name"/> in <paramref name="args"/> (e.g. <c>--seconds 10</c>), or <paramref name="fallback"/>.</summary>
    public static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>The value below which a share <paramref name="p"/> (0–1) of <paramref name="sorted"/> (ascending) lies: the nearest-rank percentile; NaN when empty.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>The machine's 1, 5 and 15 minute load averages (/proc/loadavg), printed beside figures taken on a shared machine.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static async Task WaitUntilReadyAsync(Uri health)
    {
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await client.GetAsync(health)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The API did not become ready at {health}.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Diecast.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Diecast.sln not found.");
    }

    /// <summary>Stops the API processes a benchmark started (and whatever they started); one already stopped is skipped.</summary>
    public static void Stop(IEnumerable<Process> processes)
    {
        foreach (var process in processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }
    }
}

/// <summary>
/// The API built in Release, run as a process of its own in Production with the benchmark's <paramref name="environment"/>
/// (connection string, keys, switches) and only warnings logged.
/// </summary>
internal sealed class ApiProcesses(string apiDll, IReadOnlyDictionary<string, string> environment)
{
    /// <summary>Runs one of the API's commands (e.g. <c>database migrate</c>) to its end; throws with its output when it fails.</summary>
    public async Task RunCommandAsync(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments, redirect: true))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', arguments)}' failed: {await output}{await error}");
        }
    }

    /// <summary>Starts the API listening on 127.0.0.1:<paramref name="port"/>; the caller waits for it and stops it.</summary>
    public Process Start(int port) => Process.Start(StartInfo(["--urls", $"http://127.0.0.1:{port}"], redirect: false))!;

    private ProcessStartInfo StartInfo(string[] arguments, bool redirect)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardError = redirect, RedirectStandardOutput = redirect };
        startInfo.ArgumentList.Add(apiDll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }
}
