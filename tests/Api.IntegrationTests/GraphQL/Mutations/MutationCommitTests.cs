using System.Data.Common;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Diecast.Api.IntegrationTests.GraphQL.Mutations;

/// <summary>
/// Once a mutation has committed it never reports failure: its answer is what its own transaction wrote, so nothing
/// is read after the commit. Each test arms a real failure for every statement after the commit (the statement's
/// own backend is terminated, as a database restart would) and checks that the mutation still answers with the row.
/// </summary>
public sealed class MutationCommitTests(MutationCommitTests.FailAfterCommitApi api) : IClassFixture<MutationCommitTests.FailAfterCommitApi>
{
    [Fact]
    public async Task AdjustStock_answers_with_the_stock_it_wrote_even_when_the_database_fails_after_the_commit()
    {
        using var admin = api.CreateAdminClient();
        var id = await TestSql.ScalarAsync<int>(api.ConnectionString, "SELECT id FROM products WHERE archived_at IS NULL ORDER BY id LIMIT 1");
        var before = await StockAsync(id);

        var product = await MutateAsync(admin, "adjustStock", "product { id stockQuantity version }", "AdjustStockInput", new { productId = Id("Product", id), delta = 1, reason = "counted again" });

        Assert.Equal(before + 1, await StockAsync(id));
        Assert.Equal(before + 1, product.GetProperty("stockQuantity").GetInt32());
        Assert.Equal(await VersionAsync("products", id), product.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Product_mutations_answer_with_the_row_they_wrote_without_reading_after_the_commit()
    {
        using var admin = api.CreateAdminClient();
        var slug = "commit-" + Guid.NewGuid().ToString("N")[..10];
        var created = await MutateAsync(admin, "createProduct", "product { id name version }", "CreateProductInput", new
        {
            slug, name = "Commit Car", brand = "AutoArt", make = "Pagani", model = "Zonda", year = 2005, scale = "1:18", genre = "SUPERCAR",
            status = "AVAILABLE", description = "A car.", price = 2499.50m, stockQuantity = 5, images = new[] { "https://example.com/a.jpg" }, isFeatured = false,
        });
        var id = await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT id FROM products WHERE slug = '{slug}'");
        Assert.Equal(Id("Product", id), created.GetProperty("id").GetString());
        Assert.Equal(await VersionAsync("products", id), created.GetProperty("version").GetInt64());

        var updated = await MutateAsync(admin, "updateProduct", "product { name version }", "UpdateProductInput", new { id = Id("Product", id), version = created.GetProperty("version").GetInt64(), name = "Commit Car II" });
        Assert.Equal("Commit Car II", updated.GetProperty("name").GetString());
        Assert.Equal(await VersionAsync("products", id), updated.GetProperty("version").GetInt64());

        var archived = await MutateAsync(admin, "archiveProduct", "product { archivedAt version }", "ArchiveProductInput", new { id = Id("Product", id) });
        Assert.Equal(JsonValueKind.String, archived.GetProperty("archivedAt").ValueKind);
        Assert.Equal(await VersionAsync("products", id), archived.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Journal_mutations_answer_with_the_row_they_wrote_without_reading_after_the_commit()
    {
        using var admin = api.CreateAdminClient();
        var slug = "commit-" + Guid.NewGuid().ToString("N")[..10];
        var created = await MutateAsync(admin, "createJournalEntry", "journalEntry { id version }", "CreateJournalEntryInput", new
        {
            slug, title = "Commit", excerpt = "An entry.", body = "Some *text*.", tags = new[] { "news" }, author = "Asha",
        });
        var id = await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT id FROM journal_entries WHERE slug = '{slug}'");
        Assert.Equal(await VersionAsync("journal_entries", id), created.GetProperty("version").GetInt64());

        var published = await MutateAsync(admin, "publishJournalEntry", "journalEntry { isPublished version }", "PublishJournalEntryInput", new { id = Id("JournalEntry", id) });
        Assert.True(published.GetProperty("isPublished").GetBoolean());
        Assert.Equal(await VersionAsync("journal_entries", id), published.GetProperty("version").GetInt64());

        var deleted = await MutateAsync(admin, "deleteJournalEntry", "journalEntry { slug }", "DeleteJournalEntryInput", new { id = Id("JournalEntry", id) });
        Assert.Equal(slug, deleted.GetProperty("slug").GetString());
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM journal_entries WHERE id = {id}"));
    }

    [Fact]
    public async Task A_committed_order_move_whose_items_cannot_be_read_says_it_was_saved_and_must_not_be_retried()
    {
        using var admin = api.CreateAdminClient();
        var id = await TestSql.ScalarAsync<int>(api.ConnectionString, "SELECT id FROM orders WHERE status = 'paid' ORDER BY id LIMIT 1");
        var version = await TestOrders.VersionAsync(api.ConnectionString, Id("Order", id));

        api.Failure.Arm();
        var (response, body) = await admin.PostGraphQLAsync(
            "mutation($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { order { status items { quantity } } errors { __typename } } }",
            new { input = new { id = Id("Order", id), version, status = "FULFILLING" } });
        api.Failure.Disarm();

        // The items are read after the commit (they were not written), so their failure is real; the move was saved.
        Assert.Equal("fulfilling", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT status::text FROM orders WHERE id = {id}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("data").GetProperty("updateOrderStatus").ValueKind);
        var error = body.GetProperty("errors")[0];
        Assert.Equal("DATABASE_UNAVAILABLE", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(error.GetProperty("extensions").GetProperty("retryable").GetBoolean());
        Assert.StartsWith("The change was saved", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Runs a mutation with every statement after a commit failing; it must succeed without such a statement.</summary>
    private async Task<JsonElement> MutateAsync(HttpClient admin, string field, string selection, string inputType, object input)
    {
        api.Failure.Arm();
        var (response, body) = await admin.PostGraphQLAsync($"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {selection} errors {{ __typename }} }} }}", new { input });
        var failedAfterCommit = api.Failure.Disarm();

        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, failedAfterCommit);
        var payload = body.GetProperty("data").GetProperty(field);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        return payload.EnumerateObject().First().Value;
    }

    private Task<int> StockAsync(int id) => TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE id = {id}");

    private Task<long> VersionAsync(string table, int id) => TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT xmin::text::bigint FROM {table} WHERE id = {id}");

    private static string Id(string type, int id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{id}"));

    public sealed class FailAfterCommitApi : ApiFactory
    {
        public FailAfterCommit Failure { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Failure));
        }
    }

    /// <summary>
    /// Once armed, every query that runs after a commit (an explicit one, or a SaveChanges outside a transaction)
    /// first terminates its own backend, so it fails as it would if PostgreSQL restarted right after the commit.
    /// </summary>
    public sealed class FailAfterCommit : DbCommandInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
    {
        private volatile bool _armed;
        private volatile bool _committed;
        private int _failed;

        public void Arm()
        {
            _committed = false;
            _failed = 0;
            _armed = true;
        }

        /// <summary>Disarms; returns how many statements it made fail.</summary>
        public int Disarm()
        {
            _armed = false;
            return _failed;
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            _committed = true;
            return Task.CompletedTask;
        }

        public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context?.Database.CurrentTransaction is null)
            {
                _committed = true;
            }

            return new(result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (_armed && _committed)
            {
                Interlocked.Increment(ref _failed);
                command.CommandText = "SELECT pg_terminate_backend(pg_backend_pid());\n" + command.CommandText;
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
