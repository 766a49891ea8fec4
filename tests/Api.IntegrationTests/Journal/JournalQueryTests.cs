namespace Diecast.Api.IntegrationTests.Journal;

public sealed class JournalQueryTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_published_entry_is_found_by_its_slug_and_as_a_node()
    {
        var slug = await ScalarAsync<string>("SELECT slug FROM journal_entries WHERE is_published ORDER BY id LIMIT 1");
        using var client = api.CreateClient();
        var data = await client.QueryDataAsync("query($slug: String!) { journalEntryBySlug(slug: $slug) { id title body tags publishedAt } }", new { slug });
        var entry = data.GetProperty("journalEntryBySlug");

        Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("body").GetString()));
        Assert.NotEqual(JsonValueKind.Null, entry.GetProperty("publishedAt").ValueKind);

        var node = await client.QueryDataAsync("query($id: ID!) { node(id: $id) { ... on JournalEntry { title } } }", new { id = entry.GetProperty("id").GetString() });
        Assert.Equal(entry.GetProperty("title").GetString(), node.GetProperty("node").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Drafts_are_not_public()
    {
        var (slug, id) = (await ScalarAsync<string>("SELECT slug FROM journal_entries WHERE NOT is_published LIMIT 1"), await ScalarAsync<int>("SELECT id FROM journal_entries WHERE NOT is_published LIMIT 1"));
        using var client = api.CreateClient();
        var data = await client.QueryDataAsync(
            "query($slug: String!, $id: ID!) { journalEntryBySlug(slug: $slug) { id } node(id: $id) { id } }",
            new { slug, id = Diecast.GraphQL.Server.Relay.NodeId.Encode("JournalEntry", id) });

        Assert.Equal(JsonValueKind.Null, data.GetProperty("journalEntryBySlug").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("node").ValueKind);
    }

    private Task<T> ScalarAsync<T>(string sql) => TestSql.ScalarAsync<T>(api.ConnectionString, sql);
}
