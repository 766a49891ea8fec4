using Diecast.LocalPostgres;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Data;

/// <summary>
/// Where the database is: the configured connection string (<c>ConnectionStrings__Diecast</c>), or else a
/// private PostgreSQL cluster that this process starts from the machine's binaries on first use.
/// </summary>
public sealed class DatabaseConnection(IConfiguration configuration, IOptions<DatabaseOptions> options, ILogger<DatabaseConnection> logger)
    : IAsyncDisposable
{
    public const string ConnectionStringName = "Diecast";
    private const string LocalDatabaseName = "diecast";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LocalPostgresServer? _localServer;
    private string? _connectionString;

    /// <summary>The connection string; starts the private cluster the first time it is needed.</summary>
    public async ValueTask<string> GetConnectionStringAsync(CancellationToken cancellationToken = default)
    {
        if (_connectionString is not null)
        {
            return _connectionString;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            _connectionString ??= configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured
                ? configured
                : await StartLocalServerAsync(cancellationToken);
            return _connectionString;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>For EF Core's option callbacks, which are synchronous; by then start-up has already resolved the value.</summary>
    public string GetConnectionString() => _connectionString ?? GetConnectionStringAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_localServer is not null)
        {
            await _localServer.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<string> StartLocalServerAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.LocalDirectory);
        logger.LogInformation("No connection string '{Name}' is configured: using a private PostgreSQL in {Directory}", ConnectionStringName, directory);
        _localServer = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { DataDirectory = directory }, logger, cancellationToken);
        await _localServer.CreateDatabaseAsync(LocalDatabaseName, cancellationToken: cancellationToken);
        return _localServer.GetConnectionString(LocalDatabaseName);
    }
}
