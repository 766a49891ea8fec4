using System.Globalization;
using Npgsql;

namespace Diecast.Api.Data;

/// <summary>
/// Logs database failures (<see cref="DatabaseFailure"/>) without flooding: one warning line, no stack trace (the
/// cause is outside the code), and at most one line per kind of failure per <see cref="Interval"/>; the failures
/// held back in between are counted in the next line of that kind. An outage at a few hundred requests a second
/// writes a few lines a minute instead of megabytes.
/// </summary>
public sealed partial class DatabaseFailureLog(TimeProvider time, ILogger<DatabaseFailureLog> logger)
{
    /// <summary>How long identical failures are counted rather than written.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Records one failure of <paramref name="failure"/>'s kind while <paramref name="doing"/> (e.g. "GraphQL resolver").</summary>
    public void Report(DatabaseFailure failure, Exception exception, string doing)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(exception);
        var cause = Describe(exception);
        // The kind is what failed and how, not the message, which may carry a statement's parameters or a port.
        var key = string.Join('|', failure.Code, doing, cause.Kind);
        var now = time.GetUtcNow();
        int heldBack;
        lock (_gate)
        {
            if (_windows.TryGetValue(key, out var window) && now - window.Start < Interval)
            {
                window.HeldBack++;
                return;
            }

            heldBack = window?.HeldBack ?? 0;
            _windows[key] = new Window(now);
        }

        if (heldBack == 0)
        {
            LogFailure(logger, failure.Code, doing, cause.Text);
        }
        else
        {
            LogRepeatedFailure(logger, failure.Code, doing, cause.Text, heldBack, Interval.TotalSeconds);
        }
    }

    /// <summary>The chain of causes as "Type: message" (SQL state where PostgreSQL gave one), innermost last.</summary>
    private static (string Kind, string Text) Describe(Exception exception)
    {
        var kinds = new List<string>();
        var texts = new List<string>();
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            var kind = cause is PostgresException postgres ? $"{cause.GetType().Name} {postgres.SqlState}" : cause.GetType().Name;
            kinds.Add(kind);
            texts.Add(string.Create(CultureInfo.InvariantCulture, $"{cause.GetType().Name}: {cause.Message}"));
        }

        return (string.Join('>', kinds), string.Join(" --> ", texts));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Code} in {Doing}: {Cause}")]
    private static partial void LogFailure(ILogger logger, string code, string doing, string cause);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Code} in {Doing}: {Cause} ({HeldBack} more like it in the {Seconds} s before, not logged)")]
    private static partial void LogRepeatedFailure(ILogger logger, string code, string doing, string cause, int heldBack, double seconds);

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public int HeldBack { get; set; }
    }
}
