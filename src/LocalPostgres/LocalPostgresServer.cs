using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Diecast.LocalPostgres;

/// <summary>
/// A private PostgreSQL cluster run from the machine's installed binaries (<c>initdb</c>, <c>pg_ctl</c>):
/// created on first use, started on a free loopback port, and reused when another process already runs it.
/// </summary>
/// <remarks>
/// The server listens on 127.0.0.1 only, without a Unix socket (so it needs no system folder such as
/// /var/run/postgresql), and requires a password that is generated on creation and kept beside the cluster.
/// Every user of the cluster (a process, or an instance in one) registers as a holder (<c>holders/</c>), and the last
/// holder to stop stops the server. Starting, attaching and stopping take an exclusive lock (<c>cluster.lock</c>), so a
/// process starting while another stops either attaches before the stop (which then leaves the server running) or waits
/// until the server is down and starts it again: it can no longer attach to a server that is about to stop.
/// </remarks>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    private const string Superuser = "diecast";
    private readonly LocalPostgresOptions _options;
    private readonly ProcessRunner _runner;
    private readonly ILogger _logger;
    private readonly string _root;
    private readonly string _password;
    private string? _holder;

    private LocalPostgresServer(LocalPostgresOptions options, ProcessRunner runner, ILogger logger, string root, string password, int port)
    {
        _options = options;
        _runner = runner;
        _logger = logger;
        _root = root;
        _password = password;
        Port = port;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The folder actually used, which differs from the requested one when root's service user cannot reach it.</summary>
    public string DataDirectory => _root;

    private string ClusterDirectory => Path.Combine(_root, "cluster");

    /// <summary>Creates the cluster if needed and starts it, or attaches to the server already running it.</summary>
    public static async Task<LocalPostgresServer> StartAsync(LocalPostgresOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var runner = ProcessRunner.ForCurrentUser(options.ServiceUser);
        await runner.EnsureServiceUserExistsAsync(cancellationToken);

        var root = await PrepareRootAsync(options, runner, logger, cancellationToken);
        await using var clusterLock = await ClusterLock.AcquireAsync(root, options.StartTimeout * 2, cancellationToken);
        var server = await StartOrAttachAsync(options, runner, logger, root, cancellationToken);
        server._holder = ClusterHolders.Register(root);
        return server;
    }

    private static async Task<LocalPostgresServer> StartOrAttachAsync(LocalPostgresOptions options, ProcessRunner runner, ILogger logger, string root, CancellationToken cancellationToken)
    {
        var clusterDirectory = Path.Combine(root, "cluster");
        var passwordFile = Path.Combine(root, "superuser-password");

        if (!File.Exists(Path.Combine(clusterDirectory, "PG_VERSION")))
        {
            await InitializeClusterAsync(runner, logger, clusterDirectory, passwordFile, cancellationToken);
        }

        var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();

        if (TryReadRunningPort(clusterDirectory) is { } runningPort)
        {
            var attached = new LocalPostgresServer(options, runner, logger, root, password, runningPort);
            if (await attached.AcceptsConnectionsAsync(cancellationToken))
            {
                logger.LogInformation("Using the PostgreSQL server already running on 127.0.0.1:{Port} ({Directory})", runningPort, clusterDirectory);
                return attached;
            }
        }

        // Another process may take the free port between our probe and the server's bind: try a few ports.
        for (var attempt = 1; ; attempt++)
        {
            var port = FindFreePort();
            var server = new LocalPostgresServer(options, runner, logger, root, password, port);
            var (exitCode, output) = await server.RunPgCtlStartAsync(cancellationToken);
            if (exitCode == 0)
            {
                logger.LogInformation("Started PostgreSQL on 127.0.0.1:{Port} ({Directory})", port, clusterDirectory);
                return server;
            }

            if (attempt == 3)
            {
                throw new LocalPostgresException($"pg_ctl could not start the cluster in {clusterDirectory}: {output}{ReadLogTail(root)}");
            }

            logger.LogWarning("PostgreSQL did not start on port {Port}, trying another: {Output}", port, output);
        }
    }

    /// <summary>A connection string for the given database as the cluster's superuser.</summary>
    public string GetConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates the database unless it exists; optionally as a copy of a template database.</summary>
    public async Task CreateDatabaseAsync(string database, string? template = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(GetConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        var sql = $"CREATE DATABASE {QuoteIdentifier(database)}" + (template is null ? "" : $" TEMPLATE {QuoteIdentifier(template)}");
        await using var create = new NpgsqlCommand(sql, connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Lets go of the cluster, and stops the server when no other holder (another process, or another instance here)
    /// still uses it. Holders whose process has gone (killed without stopping) do not count.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_holder is not { } holder)
        {
            return;
        }

        _holder = null;
        await using var clusterLock = await ClusterLock.AcquireAsync(_root, _options.StartTimeout * 2, cancellationToken);
        ClusterHolders.Remove(holder);
        if (ClusterHolders.Alive(_root) is > 0 and var others)
        {
            _logger.LogInformation("PostgreSQL in {Directory} is still used by {Holders} other holder(s): left running", ClusterDirectory, others);
            return;
        }

        if (TryReadRunningPort(ClusterDirectory) is null)
        {
            return;
        }

        var (exitCode, output) = await _runner.RunAsync("pg_ctl", ["stop", "-D", ClusterDirectory, "-m", "fast", "-w", "-t", "30"], cancellationToken);
        if (exitCode != 0)
        {
            _logger.LogWarning("pg_ctl stop failed: {Output}", output);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static async Task<string> PrepareRootAsync(LocalPostgresOptions options, ProcessRunner runner, ILogger logger, CancellationToken cancellationToken)
    {
        var requested = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(requested);
        if (await runner.CanServiceUserWriteAsync(requested, cancellationToken))
        {
            return requested;
        }

        // As root, the service user may be unable to reach a folder under a private home such as /root.
        // Rather than loosen permissions on the user's folders, keep the cluster in a per-project folder it can reach.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requested)))[..12];
        var fallback = Path.Combine("/var/tmp", $"diecast-postgres-{hash}");
        Directory.CreateDirectory(fallback);
        if (!await runner.CanServiceUserWriteAsync(fallback, cancellationToken))
        {
            throw new LocalPostgresException($"The PostgreSQL service user '{options.ServiceUser}' can write neither {requested} nor {fallback}.");
        }

        logger.LogWarning("User '{User}' cannot reach {Requested}; keeping the PostgreSQL cluster in {Fallback} instead", options.ServiceUser, requested, fallback);
        return fallback;
    }

    private static async Task InitializeClusterAsync(ProcessRunner runner, ILogger logger, string clusterDirectory, string passwordFile, CancellationToken cancellationToken)
    {
        logger.LogInformation("Creating a PostgreSQL cluster in {Directory}", clusterDirectory);
        if (Directory.Exists(clusterDirectory))
        {
            // A half-made cluster from an interrupted initdb: initdb needs an empty folder.
            Directory.Delete(clusterDirectory, recursive: true);
        }

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await runner.GiveToServiceUserAsync(passwordFile, cancellationToken);

        var (exitCode, output) = await runner.RunAsync(
            "initdb",
            ["-D", clusterDirectory, "-U", Superuser, "--pwfile", passwordFile, "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8", "--no-instructions"],
            cancellationToken);
        if (exitCode != 0)
        {
            throw new LocalPostgresException($"initdb failed in {clusterDirectory}: {output}");
        }
    }

    private async Task<(int ExitCode, string Output)> RunPgCtlStartAsync(CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["port"] = Port.ToString(CultureInfo.InvariantCulture),
            ["listen_addresses"] = "127.0.0.1",
            ["unix_socket_directories"] = "",
            ["max_connections"] = "200",
        };
        if (!_options.Durable)
        {
            settings["fsync"] = "off";
            settings["synchronous_commit"] = "off";
            settings["full_page_writes"] = "off";
        }

        foreach (var (name, value) in _options.Settings)
        {
            settings[name] = value;
        }

        var serverOptions = string.Join(' ', settings.Select(s => $"-c {s.Key}='{s.Value}'"));
        var timeout = ((int)_options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return await _runner.RunAsync(
            "pg_ctl",
            ["start", "-D", ClusterDirectory, "-w", "-t", timeout, "-l", Path.Combine(ClusterDirectory, "server.log"), "-o", serverOptions],
            cancellationToken);
    }

    private async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(GetConnectionString("postgres") + ";Timeout=5");
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The port from postmaster.pid (line 4) if the process it names is alive.</summary>
    private static int? TryReadRunningPort(string clusterDirectory)
    {
        var pidFile = Path.Combine(clusterDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        if (lines.Length < 4
            || !int.TryParse(lines[0], CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited ? null : port;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ReadLogTail(string root)
    {
        var log = Path.Combine(root, "cluster", "server.log");
        return File.Exists(log) ? Environment.NewLine + string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(20)) : "";
    }

    private static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
