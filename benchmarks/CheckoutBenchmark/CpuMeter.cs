using System.Globalization;

namespace Diecast.CheckoutBenchmark;

/// <summary>CPU time used by each side of a scenario, in milliseconds per order placed.</summary>
internal sealed record CpuPerOrder(double Api, double Database, double Benchmark)
{
    public double Total => Api + Database + Benchmark;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"CPU per order {Total:0.00} ms (API {Api:0.00}, PostgreSQL {Database:0.00}, this process {Benchmark:0.00})");
}

/// <summary>
/// Reads, from Linux's <c>/proc</c>, the CPU time of the API processes, of the PostgreSQL cluster (its postmaster with every
/// backend and worker, including those that exited: the postmaster reaps them, so their time lands in its children's
/// total) and of this process, so a scenario's cost can be split between the stack under test, the database and the load
/// generator (with Razorpay's stand-in). On a machine without <c>/proc</c> every figure is 0.
/// </summary>
internal sealed class CpuMeter(Func<IEnumerable<int>> apiPids, int postmasterPid)
{
    private const double TicksPerSecond = 100; // USER_HZ: 100 on every Linux this runs on.

    /// <summary>Cumulative CPU seconds of (API, PostgreSQL, this process) now.</summary>
    public (double Api, double Database, double Benchmark) Read() => (
        apiPids().Sum(pid => Seconds(pid, withChildren: false)),
        Seconds(postmasterPid, withChildren: true) + ChildrenOf(postmasterPid).Sum(pid => Seconds(pid, withChildren: false)),
        Seconds(Environment.ProcessId, withChildren: false));

    /// <summary>The CPU between two readings, per order.</summary>
    public static CpuPerOrder PerOrder((double Api, double Database, double Benchmark) before, (double Api, double Database, double Benchmark) after, int orders) =>
        orders == 0
            ? new CpuPerOrder(0, 0, 0)
            : new CpuPerOrder(
                (after.Api - before.Api) * 1000 / orders,
                (after.Database - before.Database) * 1000 / orders,
                (after.Benchmark - before.Benchmark) * 1000 / orders);

    private static double Seconds(int pid, bool withChildren)
    {
        var fields = Stat(pid);
        if (fields is null)
        {
            return 0;
        }

        // Fields after the command: state is [0], so utime (field 14) is [11], stime [12], cutime [13], cstime [14].
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (withChildren)
        {
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }

        return ticks / TicksPerSecond;
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        if (!Directory.Exists("/proc"))
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } fields
                && int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
            {
                yield return pid;
            }
        }
    }

    /// <summary>The fields of /proc/PID/stat after the command name (which may hold spaces), or null when the process is gone.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
