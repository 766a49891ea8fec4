namespace Diecast.Api.IntegrationTests.Journal;

/// <summary>Writing the journal: drafts, edits with versions, publishing, deleting, and Markdown that cannot carry script.</summary>
public sealed class JournalMutationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Entry = "journalEntry { id slug title body bodyHtml isPublished publishedAt version }";
    private const string Invalid = MutationPayloads.ErrorFields;
    private const string Create = "mutation($input: CreateJournalEntryInput!) { createJournalEntry(input: $input) { " + Entry + " errors { " + Invalid + " } } }";
    private const string Update = "mutation($input: UpdateJournalEntryInput!) { updateJournalEntry(input: $input) { " + Entry + " errors { " + Invalid + " ... on NotFoundError { id } ... on ConcurrentEditError { id } } } }";
    private const string Publish = "mutation($input: PublishJournalEntryInput!) { publishJournalEntry(input: $input) { " + Entry + " errors { " + Invalid + " ... on NotFoundError { id } } } }";
    private const string Unpublish = "mutation($input: UnpublishJournalEntryInput!) { unpublishJournalEntry(input: $input) { " + Entry + " errors { " + Invalid + " ... on NotFoundError { id } } } }";
    private const string Delete = "mutation($input: DeleteJournalEntryInput!) { deleteJournalEntry(input: $input) { " + Entry + " errors { " + Invalid + " ... on NotFoundError { id } } } }";
    private const string BySlug = "query($slug: String!) { journalEntryBySlug(slug: $slug) { title } }";

    [Fact]
    public async Task A_new_entry_is_a_draft_the_public_cannot_see_until_it_is_published()
    {
        using var admin = api.CreateAdminClient();
        using var anonymous = api.CreateClient();
        var created = await SucceedAsync(admin, Create, "createJournalEntry", MutationInputs.NewJournalEntry(out var slug));

        Assert.False(created.GetProperty("isPublished").GetBoolean());
        Assert.Equal(JsonValueKind.Null, (await anonymous.QueryDataAsync(BySlug, new { slug })).GetProperty("journalEntryBySlug").ValueKind);

        var published = await SucceedAsync(admin, Publish, "publishJournalEntry", new() { ["id"] = created.GetProperty("id").GetString() });
        var again = await SucceedAsync(admin, Publish, "publishJournalEntry", new() { ["id"] = created.GetProperty("id").GetString() });

        Assert.True(published.GetProperty("isPublished").GetBoolean());
        Assert.Equal(published.GetProperty("publishedAt").GetString(), again.GetProperty("publishedAt").GetString());
        Assert.Equal("A Week of Tatas", (await anonymous.QueryDataAsync(BySlug, new { slug })).GetProperty("journalEntryBySlug").GetProperty("title").GetString());

        await SucceedAsync(admin, Unpublish, "unpublishJournalEntry", new() { ["id"] = created.GetProperty("id").GetString() });
        Assert.Equal(JsonValueKind.Null, (await anonymous.QueryDataAsync(BySlug, new { slug })).GetProperty("journalEntryBySlug").ValueKind);
    }

    [Fact]
    public async Task Markdown_renders_to_html_without_script_or_raw_html()
    {
        using var admin = api.CreateAdminClient();
        var input = MutationInputs.NewJournalEntry(out _);
        input["body"] = "## Heading\n\nSome **bold** text and a [link](https://example.com).\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))";

        var html = (await SucceedAsync(admin, Create, "createJournalEntry", input)).GetProperty("bodyHtml").GetString()!;

        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        // Raw HTML stays visible as text, escaped, never as markup.
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_from_a_stale_version_is_a_conflict_and_the_first_edit_stays()
    {
        using var admin = api.CreateAdminClient();
        var created = await SucceedAsync(admin, Create, "createJournalEntry", MutationInputs.NewJournalEntry(out _));
        var id = created.GetProperty("id").GetString();
        var version = created.GetProperty("version").GetInt64();

        var edited = await SucceedAsync(admin, Update, "updateJournalEntry", new() { ["id"] = id, ["version"] = version, ["title"] = "First Title", ["coverImage"] = null });
        var error = await FailAsync(admin, Update, "updateJournalEntry", new() { ["id"] = id, ["version"] = version, ["title"] = "Second Title" });

        Assert.Equal("First Title", edited.GetProperty("title").GetString());
        Assert.Equal("ConcurrentEditError", error.GetProperty("__typename").GetString());
        var title = await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT title FROM journal_entries WHERE slug = '{created.GetProperty("slug").GetString()}'");
        Assert.Equal("First Title", title);
    }

    [Theory]
    [InlineData("slug", "Has Spaces")]
    [InlineData("title", "")]
    [InlineData("coverImage", "http://img.example.com/cover.jpg")]
    [InlineData("author", "  padded  ")]
    public async Task An_invalid_field_is_refused_with_its_path_and_nothing_is_written(string field, string value)
    {
        using var admin = api.CreateAdminClient();
        var input = MutationInputs.NewJournalEntry(out var slug);
        input[field] = value;

        var error = await FailAsync(admin, Create, "createJournalEntry", input);

        Assert.Equal(["input", field], MutationPayloads.Path(error));
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM journal_entries WHERE slug = '{slug}'"));
    }

    [Fact]
    public async Task Bad_tags_are_refused_each_at_its_place()
    {
        using var admin = api.CreateAdminClient();
        var input = MutationInputs.NewJournalEntry(out _);
        input["tags"] = new[] { "fine", "Not Fine" };

        var error = await FailAsync(admin, Create, "createJournalEntry", input);

        Assert.Equal(["input", "tags", "1"], MutationPayloads.Path(error));
    }

    [Fact]
    public async Task A_deleted_entry_is_gone_and_deleting_it_again_is_not_found()
    {
        using var admin = api.CreateAdminClient();
        var created = await SucceedAsync(admin, Create, "createJournalEntry", MutationInputs.NewJournalEntry(out var slug));
        var id = created.GetProperty("id").GetString();

        var deleted = await SucceedAsync(admin, Delete, "deleteJournalEntry", new() { ["id"] = id });
        var error = await FailAsync(admin, Delete, "deleteJournalEntry", new() { ["id"] = id });

        Assert.Equal(slug, deleted.GetProperty("slug").GetString());
        Assert.Equal("NotFoundError", error.GetProperty("__typename").GetString());
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM journal_entries WHERE slug = '{slug}'"));
    }

    [Fact]
    public async Task A_product_id_is_not_a_journal_entry_id()
    {
        using var admin = api.CreateAdminClient();

        var error = await FailAsync(admin, Publish, "publishJournalEntry", new() { ["id"] = Convert.ToBase64String("Product:1"u8.ToArray()) });

        Assert.Equal(["input", "id"], MutationPayloads.Path(error));
    }

    private static Task<JsonElement> SucceedAsync(HttpClient client, string document, string field, Dictionary<string, object?> input) =>
        MutationPayloads.SucceedAsync(client, document, field, "journalEntry", input);

    private static Task<JsonElement> FailAsync(HttpClient client, string document, string field, Dictionary<string, object?> input) =>
        MutationPayloads.FailAsync(client, document, field, "journalEntry", input);
}
