using System.Threading.RateLimiting;
using Diecast.GraphQL.Server.Protection.RateLimiting;
using Npgsql;

namespace Diecast.Api.Data.RateLimiting;

/// <summary>
/// A fixed-window limiter whose counters live in PostgreSQL (<see cref="RateLimitWindow"/>), so the limit holds for a
/// client across every API instance: one upsert per limited request, in <see cref="FixedWindow"/>s on the injected
/// clock. It is a <see cref="PartitionedRateLimiter{TResource}"/> like the in-memory store, and acquires only
/// asynchronously. When the database cannot be reached the request is let through (and logged): the request needs the
/// database anyway, and a limiter must not turn an outage into refusals.
/// </summary>
public sealed class PostgresFixedWindowRateLimiter(
    DatabaseConnection connection,
    RateLimitOptions options,
    TimeProvider time,
    DatabaseFailureLog failureLog) : PartitionedRateLimiter<RateLimitedRequest>
{
    // $2 is this instance's window start; a counter from an older window restarts. A counter never moves back to an
    // older window, so an instance whose clock runs a little behind counts against the newer window rather than
    // resetting it. A request is counted only when it fits ($4 is the limit): a refused one takes no permit, as with
    // the in-memory store, so a client at 16 of 30 that asks for 29 keeps its 14. No row returned means refused.
    private const string CountSql = """
        INSERT INTO rate_limit_windows AS w (partition_key, window_start, hits)
        SELECT $1, $2, $3 WHERE $3 <= $4
        ON CONFLICT (partition_key) DO UPDATE
        SET hits = CASE WHEN w.window_start < EXCLUDED.window_start THEN $3 ELSE w.hits + $3 END,
            window_start = GREATEST(w.window_start, EXCLUDED.window_start)
        WHERE w.window_start < EXCLUDED.window_start OR w.hits + $3 <= $4
        RETURNING hits
        """;

    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSource.Create(DataRegistration.WithPoolingSettings(connection.GetConnectionString())));

    public override RateLimiterStatistics? GetStatistics(RateLimitedRequest resource) => null;

    protected override RateLimitLease AttemptAcquireCore(RateLimitedRequest resource, int permitCount) =>
        throw new NotSupportedException("The PostgreSQL rate limiter acquires asynchronously only.");

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(RateLimitedRequest resource, int permitCount, CancellationToken cancellationToken)
    {
        var limit = options.LimitFor(resource.Kind);
        var now = time.GetUtcNow();
        var window = FixedWindow.At(now, options.Window);
        try
        {
            await using var command = _dataSource.Value.CreateCommand(CountSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resource.PartitionKey });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = window.Start.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = permitCount });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            var counted = await command.ExecuteScalarAsync(cancellationToken) is not null;
            return counted ? FixedWindow.Acquired : window.Refused(now);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // Summarised with the outage's other failures: a line per request, with its stack, flooded the log.
            failureLog.Report(DatabaseFailure.Of(exception) ?? DatabaseFailure.Unavailable, exception, "rate limiter (requests let through)");
            return FixedWindow.Acquired;
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
}
