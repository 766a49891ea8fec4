using System.Threading.RateLimiting;
using Diecast.Api.Data;
using Npgsql;

namespace Diecast.Api.GraphQL.Protection;

/// <summary>
/// A fixed-window limiter whose counters live in PostgreSQL (<see cref="RateLimitWindow"/>), so the limit holds for a
/// client across every API instance: one upsert per limited request, windows aligned to the database's clock. It is a
/// <see cref="PartitionedRateLimiter{TResource}"/> like the in-memory limiters of System.Threading.RateLimiting, and
/// acquires only asynchronously. When the database cannot be reached the request is let through (and logged): the
/// request needs the database anyway, and a limiter must not turn an outage into refusals.
/// </summary>
public sealed class PostgresFixedWindowRateLimiter(
    DatabaseConnection connection,
    RateLimitOptions options,
    DatabaseFailureLog failureLog) : PartitionedRateLimiter<RateLimitedRequest>
{
    // The window start is the database's now() rounded down to the window length; a counter from an older window restarts.
    private const string CountSql = """
        INSERT INTO rate_limit_windows AS w (partition_key, window_start, hits)
        VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), $3)
        ON CONFLICT (partition_key) DO UPDATE
        SET hits = CASE WHEN w.window_start = EXCLUDED.window_start THEN w.hits + $3 ELSE $3 END,
            window_start = EXCLUDED.window_start
        RETURNING hits, extract(epoch FROM w.window_start + make_interval(secs => $2) - now())::float8
        """;

    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSource.Create(DataRegistration.WithPoolingSettings(connection.GetConnectionString())));

    public override RateLimiterStatistics? GetStatistics(RateLimitedRequest resource) => null;

    protected override RateLimitLease AttemptAcquireCore(RateLimitedRequest resource, int permitCount) =>
        throw new NotSupportedException("The PostgreSQL rate limiter acquires asynchronously only.");

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(RateLimitedRequest resource, int permitCount, CancellationToken cancellationToken)
    {
        var limit = resource.Kind == RateLimitKinds.Mutation ? options.MutationsPerWindow : options.ExpensiveQueriesPerWindow;
        try
        {
            await using var command = _dataSource.Value.CreateCommand(CountSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resource.PartitionKey });
            command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = options.Window.TotalSeconds });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = permitCount });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var hits = reader.GetInt32(0);
            var retryAfter = TimeSpan.FromSeconds(Math.Max(reader.GetDouble(1), 0));
            return new WindowLease(hits <= limit, retryAfter);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // Summarised with the outage's other failures: a line per request, with its stack, flooded the log.
            failureLog.Report(DatabaseFailure.Of(exception) ?? DatabaseFailure.Unavailable, exception, "rate limiter (requests let through)");
            return new WindowLease(true, TimeSpan.Zero);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _dataSource.IsValueCreated)
        {
            _dataSource.Value.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class WindowLease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
