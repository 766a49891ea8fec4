using System.Transactions;
using Diecast.Api.Catalog;
using Diecast.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Diecast.Api.Data.DirectCommands;

namespace Diecast.Api.IntegrationTests.Data;

/// <summary>
/// Statements sent over a context's connection without EF Core: the generic plan is forced for that statement alone
/// (never for what the pooled connection runs next), without a warning in PostgreSQL's log, and never inside a
/// transaction, where the setting would outlive the statement.
/// </summary>
public sealed class DirectCommandsTests
{
    private const string CurrentMode = "SELECT current_setting('plan_cache_mode')";

    [Fact]
    public async Task A_generic_plan_applies_to_its_statement_only_and_logs_nothing()
    {
        await using var services = TestCluster.CreateDataServices(await TestCluster.CreateDatabaseAsync());
        await using var db = await services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var notices = new List<string>();
        ((NpgsqlConnection)db.Database.GetDbConnection()).Notice += (_, e) => notices.Add($"{e.Notice.Severity}: {e.Notice.MessageText}");

        var during = await db.Database.QueryAsync(CurrentMode, [], ReadTextAsync, genericPlan: true, CancellationToken.None);
        // The same physical connection, next: the setting ended with the batch's implicit transaction.
        var after = await db.Database.QueryAsync(CurrentMode, [], ReadTextAsync, genericPlan: false, CancellationToken.None);
        var afterAgain = await db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync();

        Assert.Equal("force_generic_plan", during);
        Assert.Equal("auto", after);
        Assert.Equal("auto", afterAgain);
        Assert.Empty(notices);
    }

    [Fact]
    public async Task Inside_a_transaction_the_plan_is_left_alone()
    {
        await using var services = TestCluster.CreateDataServices(await TestCluster.CreateDatabaseAsync());
        await using (var db = await services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal("auto", await db.Database.QueryAsync(CurrentMode, [], ReadTextAsync, genericPlan: true, CancellationToken.None));
            Assert.Equal("auto", await db.Database.QueryAsync(CurrentMode, [], ReadTextAsync, genericPlan: false, CancellationToken.None));
        }

        using (new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();
            Assert.Equal("auto", await db.Database.QueryAsync(CurrentMode, [], ReadTextAsync, genericPlan: true, CancellationToken.None));
            Assert.Equal("auto", await db.Database.QueryAsync(CurrentMode, [], ReadTextAsync, genericPlan: false, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Parameters_are_positional_and_typed_with_the_models_enums()
    {
        await using var services = TestCluster.CreateDataServices(await TestCluster.CreateDatabaseAsync());
        await using var db = await services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync();

        var echoed = await db.Database.QueryAsync(
            "SELECT $1::text || '|' || coalesce($2, 'null') || '|' || $3::text || '|' || array_length($4, 1) || '|' || coalesce($5::text, 'none')",
            [Text("a'b"), Text(null), Value(CollectionStatus.PreOrder), Value(new[] { 3, 1, 2 }), Timestamp(null)],
            ReadTextAsync,
            genericPlan: true,
            CancellationToken.None);

        Assert.Equal("a'b|null|pre_order|3|none", echoed);
    }

    private static async Task<string> ReadTextAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        Assert.True(await reader.ReadAsync(cancellationToken));
        return reader.GetString(0);
    }
}
