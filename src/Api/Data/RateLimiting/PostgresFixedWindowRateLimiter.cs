using System.Threading.RateLimiting;
using Diecast.GraphQL.Server.Protection;
using Npgsql;

namespace Diecast.Api.Data.RateLimiting;

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
    // A request is counted only when it fits ($4 is the limit): a refused one takes no permit, as with the in-memory
    // store, so a client at 16 of 30 that asks for 29 keeps its 14. No row from the upsert means refused.
    private const string CountSql = """
        WITH now AS (SELECT to_timestamp(floor(extract(epoch FROM now()) / $2) * $2) AS window_start),
        counted AS (
            INSERT INTO rate_limit_windows AS w (partition_key, window_start, hits)
            SELECT $1, now.window_start, $3 FROM now WHERE $3 <= $4
            ON CONFLICT (partition_key) DO UPDATE
            SET hits = CASE WHEN w.window_start = EXCLUDED.window_start THEN w.hits + $3 ELSE $3 END,
                window_start = EXCLUDED.window_start
            WHERE w.window_start <> EXCLUDED.window_start OR w.hits + $3 <= $4
            RETURNING hits)
        SELECT EXISTS (SELECT FROM counted), extract(epoch FROM now.window_start + make_interval(secs => $2) - now())::float8
        FROM now
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
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var counted = reader.GetBoolean(0);
            var retryAfter = TimeSpan.FromSeconds(Math.Max(reader.GetDouble(1), 0));
            return new WindowLease(counted, retryAfter);
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
