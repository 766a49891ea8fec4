using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Diecast.Api.Data;

/// <summary>
/// A hand-written statement sent over a context's own connection (and its transaction, if one is open), without EF Core.
/// For the few statements on the checkout's hot path, where EF Core's per-execution work on a raw SQL query (processing
/// the interpolated parameters, mapping each one's type, rewriting named parameters for PostgreSQL, materializing the
/// rows) cost about as much CPU as the statement itself. Parameters are positional (<c>$1</c>, <c>$2</c>, … in the
/// order added), so Npgsql sends the text as it is; the context's PostgreSQL enum mappings apply, since the connection
/// comes from its data source.
/// </summary>
/// <remarks>
/// EF Core's command interceptors do not see these statements (tests that record SQL through them count EF Core's
/// only). Errors are Npgsql's own (<see cref="NpgsqlException"/>, <see cref="PostgresException"/>), as through EF Core.
/// </remarks>
public static class DirectCommands
{
    /// <summary>
    /// Runs <paramref name="sql"/> with <paramref name="parameters"/> on <paramref name="database"/>'s connection (opened
    /// for the call if it was closed, and closed again) and returns what <paramref name="read"/> made of its rows.
    /// </summary>
    /// <param name="database">The context whose connection (and open transaction, if any) the statement uses.</param>
    /// <param name="sql">One statement, with positional parameters.</param>
    /// <param name="parameters">The parameters, <c>$1</c> first.</param>
    /// <param name="read">Reads the statement's rows.</param>
    /// <param name="genericPlan">
    /// Plan the statement once per connection and keep that plan, whatever the parameters (PostgreSQL's
    /// <c>plan_cache_mode = force_generic_plan</c>, set for this statement alone by <c>set_config(…, is_local =&gt; true)</c>
    /// sent in the same round trip: the batch is one implicit transaction, which ends the setting; <c>SET LOCAL</c> would
    /// do the same but logs a warning on every call outside an explicit transaction block). For a statement whose plan cannot depend on its parameters (every table reached by key) but whose
    /// estimates do, such as one that unnests parameter arrays: PostgreSQL's default then finds each custom plan cheaper
    /// than the generic one and plans it again on every execution, which cost more than running it. Only outside a
    /// transaction (the setting would last to the transaction's end); inside one, EF Core's or an ambient
    /// <see cref="System.Transactions.TransactionScope"/>, it is ignored.
    /// </param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    public static Task<T> QueryAsync<T>(
        this DatabaseFacade database, string sql, IReadOnlyList<NpgsqlParameter> parameters,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read, bool genericPlan, CancellationToken cancellationToken) =>
        QueryAsync(database, sql, parameters, read, genericPlan, lockTimeout: null, cancellationToken);

    /// <summary>
    /// As <see cref="QueryAsync{T}(DatabaseFacade, string, IReadOnlyList{NpgsqlParameter}, Func{NpgsqlDataReader, CancellationToken, Task{T}}, bool, CancellationToken)"/>,
    /// giving up on a row lock held longer than <paramref name="lockTimeout"/> (PostgreSQL's <c>lock_timeout</c>, set for
    /// this statement alone, like the generic plan: only outside a transaction, and only with <paramref name="genericPlan"/>).
    /// A lock not granted in time is a <see cref="PostgresException"/> with SQLSTATE 55P03 (lock_not_available), and the
    /// statement wrote nothing.
    /// </summary>
    public static async Task<T> QueryAsync<T>(
        this DatabaseFacade database, string sql, IReadOnlyList<NpgsqlParameter> parameters,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read, bool genericPlan, TimeSpan? lockTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(read);
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!genericPlan || database.CurrentTransaction is not null || System.Transactions.Transaction.Current is not null)
            {
                await using var command = Command(database, sql, parameters);
                await using var reader = await command.ExecuteReaderAsync(CommandBehavior.Default, cancellationToken);
                return await read(reader, cancellationToken);
            }

            // Two statements, one round trip: a batch runs in one implicit transaction, which the local setting ends with.
            await using var batch = new NpgsqlBatch((NpgsqlConnection)database.GetDbConnection());
            if (database.GetCommandTimeout() is { } timeout)
            {
                batch.Timeout = timeout;
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand(lockTimeout is { } wait
                ? string.Create(CultureInfo.InvariantCulture, $"{ForceGenericPlan}, set_config('lock_timeout', '{Math.Max(1, (long)wait.TotalMilliseconds)}ms', true)")
                : ForceGenericPlan));
            var statement = new NpgsqlBatchCommand(sql);
            foreach (var parameter in parameters)
            {
                statement.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(statement);
            await using var batchReader = await batch.ExecuteReaderAsync(CommandBehavior.Default, cancellationToken);
            // set_config answers with one row; the statement's rows are the batch's second result.
            if (!await batchReader.NextResultAsync(cancellationToken))
            {
                throw new InvalidOperationException("The batch answered without the statement's result.");
            }

            return await read(batchReader, cancellationToken);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs <paramref name="sql"/> as <see cref="QueryAsync{T}(DatabaseFacade, string, IReadOnlyList{NpgsqlParameter}, Func{NpgsqlDataReader, CancellationToken, Task{T}}, bool, CancellationToken)"/> does; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this DatabaseFacade database, string sql, IReadOnlyList<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(parameters);
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(database, sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private const string ForceGenericPlan = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true)";

    /// <summary>A positional parameter of a known type; null is sent as SQL NULL of that type.</summary>
    public static NpgsqlParameter Value<T>(T value) => new NpgsqlParameter<T>
    {
        TypedValue = value,
    };

    /// <summary>A text parameter that may be null (SQL NULL).</summary>
    public static NpgsqlParameter Text(string? value) => new()
    {
        NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text,
        Value = (object?)value ?? DBNull.Value,
    };

    /// <summary>A <c>timestamptz</c> parameter (a UTC <see cref="DateTime"/>) that may be null.</summary>
    public static NpgsqlParameter Timestamp(DateTime? value) => new()
    {
        NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz,
        Value = (object?)value ?? DBNull.Value,
    };

    /// <summary>A <c>timestamptz[]</c> parameter (UTC <see cref="DateTime"/>s, any of them null), typed so whatever the values' kind.</summary>
    public static NpgsqlParameter Timestamps(DateTime?[] values) => new()
    {
        NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.TimestampTz,
        Value = values,
    };

    /// <summary>Column <paramref name="ordinal"/> of the current row, or null when it is SQL NULL.</summary>
    public static T? ValueOrNull<T>(this NpgsqlDataReader reader, int ordinal)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }

    /// <summary>Text column <paramref name="ordinal"/> of the current row, or null when it is SQL NULL.</summary>
    public static string? TextOrNull(this NpgsqlDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    private static NpgsqlCommand Command(DatabaseFacade database, string sql, IReadOnlyList<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)database.GetDbConnection())
        {
            Transaction = (NpgsqlTransaction?)database.CurrentTransaction?.GetDbTransaction(),
        };
        if (database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
