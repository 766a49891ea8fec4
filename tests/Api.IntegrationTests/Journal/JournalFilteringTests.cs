namespace Diecast.Api.IntegrationTests.Journal;

/// <summary>
/// <c>journalEntries(where:)</c> checked against SQL: tags, titles and publication dates, and drafts stay hidden
/// whatever the filter says.
/// </summary>
public sealed class JournalFilteringTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly FilterComparison _published = new(api, "journalEntries", "slug", "journal_entries", scope: "is_published");

    [Fact]
    public Task Tags_some_eq_finds_entries_with_that_tag() =>
        _published.AssertSelectsAsync("""{ tags: { some: { eq: "india" } } }""", "'india' = ANY (tags)");

    [Fact]
    public Task Tags_some_in_finds_entries_with_any_of_those_tags() =>
        _published.AssertSelectsAsync("""{ tags: { some: { in: ["rally", "care"] } } }""", "tags && ARRAY['rally', 'care']");

    [Fact]
    public Task Tags_none_eq_leaves_out_entries_with_that_tag() =>
        _published.AssertSelectsAsync("""{ tags: { none: { eq: "beginners" } } }""", "NOT ('beginners' = ANY (tags))");

    [Fact]
    public Task Title_contains_is_case_insensitive() =>
        _published.AssertSelectsAsync("""{ title: { contains: "DIECAST" } }""", "title ILIKE '%diecast%'");

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
        _published.AssertSelectsAsync($$"""{ publishedAt: { {{operation}}: "2026-06-05T08:15:00Z" } }""", sqlCondition);

    [Fact]
    public Task PublishedAt_accepts_an_offset_and_compares_the_instant() =>
        _published.AssertSelectsAsync("""{ publishedAt: { gte: "2026-06-05T13:45:00+05:30" } }""", "published_at >= '2026-06-05T08:15:00Z'");

    [Theory]
    [InlineData("""{ tags: { some: { eq: "help" } } }""", "'help' = ANY (tags)")]
    [InlineData("""{ title: { contains: "pre-order" } }""", "title ILIKE '%pre-order%'")]
    [InlineData("{ publishedAt: { eq: null } }", "published_at IS NULL")]
    [InlineData("""{ slug: { eq: "how-pre-orders-work" } }""", "slug = 'how-pre-orders-work'")]
    public async Task Drafts_never_appear_even_when_the_filter_matches_them(string where, string sqlCondition)
    {
        var matchingDrafts = await _published.FromSqlAsync($"SELECT slug FROM journal_entries WHERE NOT is_published AND ({sqlCondition})");
        var matchingPublished = await _published.WhereAsync(sqlCondition);

        Assert.NotEmpty(matchingDrafts);
        Assert.Empty(matchingPublished);
        Assert.Empty(await _published.FromGraphQLAsync(where));
    }

    [Fact]
    public async Task A_filter_matching_drafts_and_published_entries_returns_only_the_published()
    {
        const string Where = """{ or: [{ tags: { some: { eq: "help" } } }, { title: { contains: "maruti" } }] }""";

        const string Matching = "'help' = ANY (tags) OR title ILIKE '%maruti%'";

        Assert.NotEmpty(await _published.FromSqlAsync($"SELECT slug FROM journal_entries WHERE NOT is_published AND ({Matching})"));
        await _published.AssertSelectsAsync(Where, Matching);
    }
}

