using Diecast.Api.IntegrationTests.Infrastructure;

namespace Diecast.Api.IntegrationTests.Journal;

/// <summary>
/// <c>journalEntries(where:)</c> checked against SQL: tags, titles and publication dates, and drafts stay hidden
/// whatever the filter says.
/// </summary>
public sealed class JournalFilteringTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public Task Tags_some_eq_finds_entries_with_that_tag() =>
        AssertSelectsAsync("""{ tags: { some: { eq: "india" } } }""", "'india' = ANY (tags)");

    [Fact]
    public Task Tags_some_in_finds_entries_with_any_of_those_tags() =>
        AssertSelectsAsync("""{ tags: { some: { in: ["rally", "care"] } } }""", "tags && ARRAY['rally', 'care']");

    [Fact]
    public Task Tags_none_eq_leaves_out_entries_with_that_tag() =>
        AssertSelectsAsync("""{ tags: { none: { eq: "beginners" } } }""", "NOT ('beginners' = ANY (tags))");

    [Fact]
    public Task Title_contains_is_case_insensitive() =>
        AssertSelectsAsync("""{ title: { contains: "DIECAST" } }""", "title ILIKE '%diecast%'");

    [Theory]
    [InlineData("gt", "published_at > '2026-06-05T08:15:00Z'")]
    [InlineData("gte", "published_at >= '2026-06-05T08:15:00Z'")]
    [InlineData("lt", "published_at < '2026-06-05T08:15:00Z'")]
    [InlineData("lte", "published_at <= '2026-06-05T08:15:00Z'")]
    [InlineData("eq", "published_at = '2026-06-05T08:15:00Z'")]
    [InlineData("neq", "published_at IS DISTINCT FROM '2026-06-05T08:15:00Z'")]
    [InlineData("ngt", "published_at <= '2026-06-05T08:15:00Z'")]
    [InlineData("nlt", "published_at >= '2026-06-05T08:15:00Z'")]
    public Task PublishedAt_comparisons_match_SQL_at_the_boundary(string operation, string sqlCondition) =>
        AssertSelectsAsync($$"""{ publishedAt: { {{operation}}: "2026-06-05T08:15:00Z" } }""", sqlCondition);

    [Fact]
    public Task PublishedAt_accepts_an_offset_and_compares_the_instant() =>
        AssertSelectsAsync("""{ publishedAt: { gte: "2026-06-05T13:45:00+05:30" } }""", "published_at >= '2026-06-05T08:15:00Z'");

    [Theory]
    [InlineData("""{ tags: { some: { eq: "help" } } }""", "'help' = ANY (tags)")]
    [InlineData("""{ title: { contains: "pre-order" } }""", "title ILIKE '%pre-order%'")]
    [InlineData("{ publishedAt: { eq: null } }", "published_at IS NULL")]
    [InlineData("""{ slug: { eq: "how-pre-orders-work" } }""", "slug = 'how-pre-orders-work'")]
    public async Task Drafts_never_appear_even_when_the_filter_matches_them(string where, string sqlCondition)
    {
        var matchingDrafts = await SlugsFromSqlAsync($"SELECT slug FROM journal_entries WHERE NOT is_published AND ({sqlCondition})");
        var matchingPublished = await SlugsFromSqlAsync($"SELECT slug FROM journal_entries WHERE is_published AND ({sqlCondition})");

        Assert.NotEmpty(matchingDrafts);
        Assert.Empty(matchingPublished);
        Assert.Empty(await SlugsFromGraphQLAsync(where));
    }

    [Fact]
    public async Task A_filter_matching_drafts_and_published_entries_returns_only_the_published()
    {
        const string Where = """{ or: [{ tags: { some: { eq: "help" } } }, { title: { contains: "maruti" } }] }""";

        Assert.Equal(2, (await SlugsFromSqlAsync("SELECT slug FROM journal_entries WHERE 'help' = ANY (tags) OR title ILIKE '%maruti%'")).Count);
        await AssertSelectsAsync(Where, "'help' = ANY (tags) OR title ILIKE '%maruti%'");
    }

    /// <summary>The filter selects some published entries but not all, exactly those the SQL condition selects.</summary>
    private async Task AssertSelectsAsync(string where, string sqlCondition)
    {
        var expected = await SlugsFromSqlAsync($"SELECT slug FROM journal_entries WHERE is_published AND ({sqlCondition})");
        var published = await SlugsFromSqlAsync("SELECT slug FROM journal_entries WHERE is_published");
        Assert.True(expected.Count > 0 && expected.Count < published.Count, $"The SQL condition should select some published entries, not {expected.Count} of {published.Count}: {sqlCondition}");

        Assert.Equal(expected, await SlugsFromGraphQLAsync(where));
    }

    /// <summary>The slugs of the entries the filter matches, sorted; the demo journal has fewer than 50 entries.</summary>
    private async Task<List<string>> SlugsFromGraphQLAsync(string where)
    {
        using var client = api.CreateClient();
        var data = await client.QueryDataAsync(
            $$"""
            {
              journalEntries(where: {{where}}, first: 50) {
                totalCount
                pageInfo { hasNextPage }
                nodes { slug }
              }
            }
            """);
        var entries = data.GetProperty("journalEntries");
        var slugs = entries.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("slug").GetString()!).ToList();

        Assert.False(entries.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(entries.GetProperty("totalCount").GetInt32(), slugs.Count);
        return [.. slugs.Order(StringComparer.Ordinal)];
    }

    private async Task<List<string>> SlugsFromSqlAsync(string sql) => [.. (await TestSql.StringsAsync(api.ConnectionString, sql)).Order(StringComparer.Ordinal)];
}
