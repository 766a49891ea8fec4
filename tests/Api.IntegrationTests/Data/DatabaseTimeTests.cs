using Microsoft.Extensions.Time.Testing;

namespace Diecast.Api.IntegrationTests.Data;

/// <summary>
/// One clock: every timestamp the API writes comes from the injected TimeProvider, cut to the microsecond PostgreSQL
/// keeps, so a mutation's payload shows what every later read returns.
/// </summary>
public sealed class DatabaseTimeTests : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private const string ProductFields = "id slug createdAt updatedAt archivedAt version";
    private const string CreateProduct = "mutation($input: CreateProductInput!) { createProduct(input: $input) { product { " + ProductFields + " } errors { __typename } } }";
    private const string UpdateProduct = "mutation($input: UpdateProductInput!) { updateProduct(input: $input) { product { " + ProductFields + " } errors { __typename } } }";
    private const string ArchiveProduct = "mutation($input: ArchiveProductInput!) { archiveProduct(input: $input) { product { " + ProductFields + " } errors { __typename } } }";
    private const string AdjustStock = "mutation($input: AdjustStockInput!) { adjustStock(input: $input) { product { " + ProductFields + " } errors { __typename } } }";
    private const string ReadProduct = "query($id: ID!) { node(id: $id) { ... on Product { " + ProductFields + " } } }";
    private const string EntryFields = "id slug updatedAt publishedAt version";
    private const string CreateEntry = "mutation($input: CreateJournalEntryInput!) { createJournalEntry(input: $input) { journalEntry { " + EntryFields + " } errors { __typename } } }";
    private const string UpdateEntry = "mutation($input: UpdateJournalEntryInput!) { updateJournalEntry(input: $input) { journalEntry { " + EntryFields + " } errors { __typename } } }";
    private const string PublishEntry = "mutation($input: PublishJournalEntryInput!) { publishJournalEntry(input: $input) { journalEntry { " + EntryFields + " } errors { __typename } } }";
    private const string ReadEntry = "query($id: ID!) { node(id: $id) { ... on JournalEntry { " + EntryFields + " } } }";
    private const string MoveOrder = "mutation($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { order { id updatedAt } errors { __typename } } }";
    private const string ReadOrder = "query($id: ID!) { node(id: $id) { ... on Order { id updatedAt } } }";

    private readonly ApiFactory _api;
    private readonly FakeTimeProvider _time = TestClock.Create();
    private readonly WebApplicationFactory<Program> _clocked;
    private readonly HttpClient _admin;

    public DatabaseTimeTests(ApiFactory api)
    {
        _api = api;
        _clocked = api.WithClock(_time);
        _admin = _clocked.CreateAdminClient();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _clocked.DisposeAsync();
    }

    [Fact]
    public async Task A_new_products_createdAt_and_updatedAt_are_the_clocks_now_in_the_payload_and_in_a_fresh_read()
    {
        var created = await CreateProductAsync();

        await AssertStampedNowAsync(created, ReadProduct, "createdAt", "updatedAt");
    }

    [Fact]
    public async Task UpdateProducts_payload_updatedAt_equals_a_fresh_reads_and_createdAt_stays()
    {
        var created = await CreateProductAsync();
        _time.Advance(TimeSpan.FromSeconds(90));

        var updated = await MutationPayloads.SucceedAsync(_admin, UpdateProduct, "updateProduct", "product", Edit(created, "name", "Renamed Car"));

        await AssertStampedNowAsync(updated, ReadProduct, "updatedAt");
        Assert.Equal(Time(created, "createdAt"), Time(await ReadAsync(ReadProduct, created), "createdAt"));
    }

    [Fact]
    public async Task AdjustStock_and_archiveProduct_stamp_the_product_and_the_audit_trail_from_the_clock()
    {
        var created = await CreateProductAsync();
        var id = created.GetProperty("id").GetString();
        var slug = created.GetProperty("slug").GetString();
        _time.Advance(TimeSpan.FromSeconds(30));

        var adjusted = await MutationPayloads.SucceedAsync(_admin, AdjustStock, "adjustStock", "product", new { productId = id, delta = 2, reason = "recount" });

        await AssertStampedNowAsync(adjusted, ReadProduct, "updatedAt");
        Assert.Equal(_time.StoredNow(), await StoredAsync($"SELECT a.occurred_at FROM stock_movements a JOIN products p ON p.id = a.product_id WHERE p.slug = '{slug}'"));

        _time.Advance(TimeSpan.FromSeconds(30));
        var archived = await MutationPayloads.SucceedAsync(_admin, ArchiveProduct, "archiveProduct", "product", new { id });

        // Archived products are out of every query, so the fresh read is SQL's.
        Assert.Equal(_time.StoredNow(), Time(archived, "archivedAt"));
        Assert.Equal(_time.StoredNow(), Time(archived, "updatedAt"));
        Assert.Equal(Time(archived, "archivedAt"), await StoredAsync($"SELECT archived_at FROM products WHERE slug = '{slug}'"));
    }

    [Fact]
    public async Task A_journal_entrys_updatedAt_and_publishedAt_in_the_payload_equal_a_fresh_reads()
    {
        var created = await MutationPayloads.SucceedAsync(_admin, CreateEntry, "createJournalEntry", "journalEntry", MutationInputs.NewJournalEntry(out var slug));

        await AssertStampedNowAsync(created, ReadEntry, "updatedAt");
        Assert.Equal(_time.StoredNow(), await StoredAsync($"SELECT created_at FROM journal_entries WHERE slug = '{slug}'"));

        _time.Advance(TimeSpan.FromMinutes(2));
        var updated = await MutationPayloads.SucceedAsync(_admin, UpdateEntry, "updateJournalEntry", "journalEntry", Edit(created, "title", "A Fortnight of Tatas"));

        await AssertStampedNowAsync(updated, ReadEntry, "updatedAt");

        _time.Advance(TimeSpan.FromMinutes(2));
        var published = await MutationPayloads.SucceedAsync(_admin, PublishEntry, "publishJournalEntry", "journalEntry", new { id = created.GetProperty("id").GetString() });

        await AssertStampedNowAsync(published, ReadEntry, "publishedAt", "updatedAt");
    }

    [Fact]
    public async Task UpdateOrderStatus_payload_updatedAt_is_the_clocks_now_and_equals_a_fresh_reads()
    {
        var (id, _) = await TestOrders.InsertAsync(_api.ConnectionString, "PAID");

        var version = await TestOrders.VersionAsync(_api.ConnectionString, id);

        var moved = await MutationPayloads.SucceedAsync(_admin, MoveOrder, "updateOrderStatus", "order", new { id, version, status = "FULFILLING" });

        await AssertStampedNowAsync(moved, ReadOrder, "updatedAt");
    }

    /// <summary>An update input that changes one field of what <paramref name="written"/> holds, at the version it has.</summary>
    private static Dictionary<string, object?> Edit(JsonElement written, string field, string value) => new()
    {
        ["id"] = written.GetProperty("id").GetString(),
        ["version"] = written.GetProperty("version").GetInt64(),
        [field] = value,
    };

    private Task<JsonElement> CreateProductAsync() =>
        MutationPayloads.SucceedAsync(_admin, CreateProduct, "createProduct", "product", MutationInputs.NewProduct());

    /// <summary>Each field of the payload is the clock's present as stored, and a fresh read through <paramref name="read"/> agrees.</summary>
    private async Task AssertStampedNowAsync(JsonElement payload, string read, params string[] fields)
    {
        var fresh = await ReadAsync(read, payload);
        foreach (var field in fields)
        {
            Assert.Equal(_time.StoredNow(), Time(payload, field));
            Assert.Equal(Time(payload, field), Time(fresh, field));
        }
    }

    private async Task<JsonElement> ReadAsync(string query, JsonElement written) =>
        (await _admin.QueryDataAsync(query, new { id = written.GetProperty("id").GetString() })).GetProperty("node");

    private async Task<DateTimeOffset> StoredAsync(string sql) => new(await TestSql.ScalarAsync<DateTime>(_api.ConnectionString, sql));

    private static DateTimeOffset Time(JsonElement element, string field) =>
        DateTimeOffset.Parse(element.GetProperty(field).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
