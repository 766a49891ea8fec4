using Diecast.Api.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Diecast.Api.Tests.Data;

public sealed class DatabaseFailureLogTests
{
    private static readonly Exception Refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111));

    [Fact]
    public void Identical_failures_within_the_interval_are_one_line_and_the_next_line_counts_them()
    {
        var (log, logger, time) = Create();

        for (var i = 0; i < 1000; i++)
        {
            log.Report(DatabaseFailure.Unavailable, Refused, "GraphQL resolver");
        }

        var first = Assert.Single(logger.Lines);
        Assert.Equal(LogLevel.Warning, first.Level);
        Assert.Contains("DATABASE_UNAVAILABLE", first.Text, StringComparison.Ordinal);
        Assert.Contains("Failed to connect", first.Text, StringComparison.Ordinal);

        time.Advance(DatabaseFailureLog.Interval);
        log.Report(DatabaseFailure.Unavailable, Refused, "GraphQL resolver");

        Assert.Equal(2, logger.Lines.Count);
        Assert.Contains("999 more like it", logger.Lines[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_kind_of_failure_is_logged_at_once()
    {
        var (log, logger, _) = Create();

        log.Report(DatabaseFailure.Unavailable, Refused, "GraphQL resolver");
        log.Report(DatabaseFailure.Timeout, new NpgsqlException("Exception while reading from stream", new TimeoutException()), "GraphQL resolver");
        log.Report(DatabaseFailure.Unavailable, Refused, "readiness check");

        Assert.Equal(3, logger.Lines.Count);
    }

    [Fact]
    public void A_line_carries_the_causes_but_no_stack_trace()
    {
        var (log, logger, _) = Create();
        Exception thrown;
        try
        {
            throw new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", Refused);
        }
        catch (InvalidOperationException exception)
        {
            thrown = exception;
        }

        log.Report(DatabaseFailure.Unavailable, thrown, "GraphQL resolver");

        var line = Assert.Single(logger.Lines).Text;
        Assert.Contains("InvalidOperationException", line, StringComparison.Ordinal);
        Assert.Contains("SocketException", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    private static (DatabaseFailureLog Log, ListLogger<DatabaseFailureLog> Logger, FakeTimeProvider Time) Create()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var logger = new ListLogger<DatabaseFailureLog>();
        return (new DatabaseFailureLog(time, logger), logger, time);
    }

    /// <summary>Keeps each entry's level and formatted text, exception included, as a console logger would print it.</summary>
    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception)));
    }
}
