namespace Diecast.LocalPostgres;

/// <summary>
/// An exclusive lock on a cluster's folder (<c>cluster.lock</c>), held while a process starts, attaches to or stops its
/// server. On Linux .NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/>, which the kernel drops when
/// the process dies, so a crash never leaves the cluster locked.
/// </summary>
internal sealed class ClusterLock : IAsyncDisposable
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _file;

    private ClusterLock(FileStream file) => _file = file;

    /// <summary>Waits for the lock (another process may be stopping the server: pg_ctl's own wait, up to 30 s).</summary>
    public static async Task<ClusterLock> AcquireAsync(string root, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, "cluster.lock");
        // Elapsed time on the monotonic counter: a real process's pace, not a business clock a test moves, and immune to
        // the wall clock being set while we wait.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return new ClusterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (System.Diagnostics.Stopwatch.GetElapsedTime(started) < timeout)
            {
                // Held by a process starting or stopping the server.
                await Task.Delay(Retry, cancellationToken);
            }
            catch (IOException locked)
            {
                throw new LocalPostgresException($"Another process has held {path} for more than {timeout.TotalSeconds:0} s.", locked);
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}

/// <summary>
/// Who uses a cluster: one empty file per holder in <c>holders/</c>, named by its process id and a random part (so two
/// instances in one process are two holders). Read and written only under <see cref="ClusterLock"/>.
/// </summary>
internal static class ClusterHolders
{
    /// <summary>Registers a new holder for this process; returns its file.</summary>
    public static string Register(string root)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "holders")).FullName;
        var file = Path.Combine(folder, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        File.WriteAllBytes(file, []);
        return file;
    }

    public static void Remove(string holder) => File.Delete(holder);

    /// <summary>The holders whose process is alive; the files of the others (killed without stopping) are removed.</summary>
    public static int Alive(string root)
    {
        var folder = Path.Combine(root, "holders");
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var alive = 0;
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name[..dash], System.Globalization.CultureInfo.InvariantCulture, out var pid) && IsRunning(pid))
            {
                alive++;
            }
            else
            {
                File.Delete(file);
            }
        }

        return alive;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
