using Diecast.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Diecast.Api.Tests.Data;

/// <summary>Which exceptions are the database failing (retryable, with a code of their own) and which are bugs.</summary>
public sealed class DatabaseFailureTests
{
    public static TheoryData<string, Exception, string?> Cases => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)), "DATABASE_UNAVAILABLE" },
        { "connection dropped", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), "DATABASE_UNAVAILABLE" },
        { "server shut down", Postgres("57P01"), "DATABASE_UNAVAILABLE" },
        { "server starting up", Postgres("57P03"), "DATABASE_UNAVAILABLE" },
        { "too many connections", Postgres("53300"), "DATABASE_UNAVAILABLE" },
        { "connection failure", Postgres("08006"), "DATABASE_UNAVAILABLE" },
        { "statement timeout", Postgres("57014"), "DATABASE_TIMEOUT" },
        { "lock timeout", Postgres("55P03"), "DATABASE_TIMEOUT" },
        { "command timeout in the API", new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")), "DATABASE_TIMEOUT" },
        { "wrapped by EF Core's query pipeline", new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", Postgres("57P01")), "DATABASE_UNAVAILABLE" },
        { "wrapped by SaveChanges", new DbUpdateException("An error occurred while saving the entity changes.", Postgres("57014")), "DATABASE_TIMEOUT" },
        { "a write cut off mid-save", new WriteOutcomeUnknownException("lost", new NpgsqlException("Exception while reading from stream", new EndOfStreamException())), "DATABASE_OUTCOME_UNKNOWN" },
        { "unique violation (a bug if it escapes)", Postgres("23505"), null },
        { "syntax error (a bug)", Postgres("42601"), null },
        { "not the database at all", new InvalidOperationException("Sequence contains no elements"), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_failure_gets_its_code(string name, Exception exception, string? code)
    {
        Assert.True(DatabaseFailure.Of(exception)?.Code == code, name);
    }

    [Fact]
    public async Task Only_a_save_that_the_server_did_not_answer_has_an_unknown_outcome()
    {
        await Assert.ThrowsAsync<WriteOutcomeUnknownException>(() =>
            WriteOutcomeUnknownException.GuardAsync(() => Task.FromException(new NpgsqlException("Exception while reading from stream", new EndOfStreamException()))));
        // The server answered: the change was refused and rolled back, so the failure stays what it was.
        await Assert.ThrowsAsync<PostgresException>(() => WriteOutcomeUnknownException.GuardAsync(() => Task.FromException(Postgres("57P01"))));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => WriteOutcomeUnknownException.GuardAsync(() => Task.FromException(new DbUpdateConcurrencyException())));
        Assert.False(DatabaseFailure.OutcomeUnknown.Retryable);
    }

    private static PostgresException Postgres(string sqlState) => new("message", "ERROR", "ERROR", sqlState);
}
