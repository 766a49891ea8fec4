using Npgsql;

namespace Diecast.Api.Data;

/// <summary>
/// A failure of the database itself rather than of the request: it could not be reached, dropped the connection,
/// or did not answer in time. The same request may well succeed once the database is back, so clients are told
/// so, with a code of its own instead of <c>INTERNAL_ERROR</c>.
/// </summary>
public sealed record DatabaseFailure(string Code, string Message, bool Retryable = true)
{
    /// <summary>The database could not be reached, refused connections, or dropped the connection (restart, crash, too many connections).</summary>
    public static readonly DatabaseFailure Unavailable = new("DATABASE_UNAVAILABLE", "The database is unavailable. The request may be retried.");

    /// <summary>A statement ran out of time (statement or lock timeout on the server, command timeout in the API) and was cancelled.</summary>
    public static readonly DatabaseFailure Timeout = new("DATABASE_TIMEOUT", "The database did not answer in time. The request may be retried.");

    /// <summary>
    /// The database failed while a mutation's change was being made durable (the commit, or a write outside a
    /// transaction), without saying it refused the change: it may or may not have been saved, so a blind retry could
    /// apply it twice. Only <see cref="WriteOutcomeUnknownException"/> carries it.
    /// </summary>
    public static readonly DatabaseFailure OutcomeUnknown = new(
        "DATABASE_OUTCOME_UNKNOWN",
        "The database failed while saving: the change may or may not have been saved. Read it again before retrying.",
        Retryable: false);

    /// <summary>How a failure below a committed mutation's payload reads.</summary>
    public DatabaseFailure AfterMutation() => this with
    {
        Message = "The change was saved, but part of the answer could not be read from the database. Do not retry the mutation; read the object again.",
        Retryable = false,
    };

    /// <summary>
    /// What <paramref name="exception"/> (or an exception it wraps, as EF Core's <c>DbUpdateException</c> and
    /// <c>InvalidOperationException</c> do) says about the database; null for anything else, which is a bug.
    /// SQL states: https://www.postgresql.org/docs/current/errcodes-appendix.html
    /// </summary>
    public static DatabaseFailure? Of(Exception? exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case WriteOutcomeUnknownException:
                    return OutcomeUnknown;
                case PostgresException postgres:
                    return postgres.SqlState switch
                    {
                        // query_canceled (statement_timeout, or a cancel) and lock_not_available (lock_timeout).
                        PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.LockNotAvailable => Timeout,
                        // admin_shutdown, crash_shutdown, cannot_connect_now, database_dropped.
                        ['5', '7', 'P', ..] => Unavailable,
                        // Connection exceptions (08) and insufficient resources (53: too many connections, disk full).
                        ['0', '8', ..] or ['5', '3', ..] => Unavailable,
                        _ => null,
                    };
                case NpgsqlException { InnerException: TimeoutException }:
                    // The API's own command timeout, or no pooled connection freed up in time.
                    return Timeout;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return Unavailable;
                case TimeoutException:
                    return Timeout;
            }
        }

        return null;
    }
}

/// <summary>
/// Thrown instead of a database failure that struck while a change was being made durable, when the database
/// did not answer that it refused the change (see <see cref="DatabaseFailure.OutcomeUnknown"/>).
/// </summary>
public sealed class WriteOutcomeUnknownException : Exception
{
    public WriteOutcomeUnknownException()
    {
    }

    public WriteOutcomeUnknownException(string message)
        : base(message)
    {
    }

    public WriteOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Runs <paramref name="durableStep"/> (a commit, or a SaveChanges outside a transaction). An error the server
    /// answered with means the change was refused and rolled back, so it passes through unchanged; a lost connection
    /// or a timeout in the API leaves the outcome unknown, and becomes this exception.
    /// </summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> durableStep)
    {
        ArgumentNullException.ThrowIfNull(durableStep);
        try
        {
            return await durableStep();
        }
        catch (Exception exception) when (!HasServerAnswer(exception) && DatabaseFailure.Of(exception) is not null)
        {
            throw new WriteOutcomeUnknownException("The database failed while a change was being saved.", exception);
        }
    }

    /// <inheritdoc cref="GuardAsync{T}(Func{Task{T}})"/>
    public static Task GuardAsync(Func<Task> durableStep)
    {
        ArgumentNullException.ThrowIfNull(durableStep);
        return GuardAsync(async () =>
        {
            await durableStep();
            return true;
        });
    }

    private static bool HasServerAnswer(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is PostgresException)
            {
                return true;
            }
        }

        return false;
    }
}
