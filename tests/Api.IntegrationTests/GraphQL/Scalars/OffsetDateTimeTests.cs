namespace Diecast.Api.IntegrationTests.GraphQL.Scalars;

/// <summary>
/// <c>DateTime</c> inputs follow HotChocolate's DateTimeType: an RFC 3339 string with <c>Z</c> or an offset, in
/// literals and variables alike; anything else is an invalid value, never read as UTC.
/// </summary>
public sealed class OffsetDateTimeTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Refused => new()
    {
        "2026-03-14T09:30:00",
        "2026-03-14T09:30:00.123",
        "2026-03-14",
        "2026-03-14 09:30:00Z",
        "2026-03-14T09:30Z",
        "2026-03-14T09:30:00+0530",
        "2026-03-14T09:30:00+05",
        "2026-03-14T09:30:00-00:00",
        "2026-03-14T09:30:00.12345678Z",
        "2026-02-30T09:30:00Z",
        "2026-03-14T24:30:00Z",
        "14/03/2026 09:30:00 +05:30",
        "Sat, 14 Mar 2026 09:30:00 GMT",
        "1773480600",
        "",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_time_HotChocolate_refuses_is_an_invalid_literal(string value)
    {
        using var client = api.CreateClient();

        var (response, body) = await client.PostGraphQLAsync($$"""{ journalEntries(where: { publishedAt: { eq: "{{value}}" } }) { totalCount } }""");

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body.ToString());
        Assert.Equal("ARGUMENTS_OF_CORRECT_TYPE", body.FirstErrorCode());
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_time_HotChocolate_refuses_is_an_invalid_variable(string value)
    {
        using var client = api.CreateClient();

        var (response, body) = await client.PostGraphQLAsync("query($t: DateTime) { journalEntries(where: { publishedAt: { gte: $t } }) { totalCount } }", new { t = value });

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body.ToString());
        Assert.Equal("INVALID_VALUE", body.FirstErrorCode());
    }

    [Theory]
    [InlineData("1773480600")]
    [InlineData("true")]
    [InlineData("[\"2026-03-14T09:30:00Z\"]")]
    public async Task A_time_that_is_not_a_string_is_invalid(string literal)
    {
        using var client = api.CreateClient();

        var (_, literalBody) = await client.PostGraphQLAsync($$"""{ journalEntries(where: { publishedAt: { eq: {{literal}} } }) { totalCount } }""");
        using var json = JsonDocument.Parse(literal);
        var (_, variableBody) = await client.PostGraphQLAsync("query($t: DateTime) { journalEntries(where: { publishedAt: { eq: $t } }) { totalCount } }", new { t = json.RootElement });

        Assert.Equal("ARGUMENTS_OF_CORRECT_TYPE", literalBody.FirstErrorCode());
        Assert.Equal("INVALID_VALUE", variableBody.FirstErrorCode());
    }

    // The same instant in four spellings HotChocolate accepts; each selects what SQL selects at that instant.
    [Theory]
    [InlineData("2026-06-05T08:15:00Z")]
    [InlineData("2026-06-05t08:15:00z")]
    [InlineData("2026-06-05T13:45:00+05:30")]
    [InlineData("2026-06-05T08:15:00.0000000+00:00")]
    [InlineData("2026-06-05T03:15:00-05:00")]
    public async Task A_time_with_an_offset_is_the_instant_it_names(string value)
    {
        var expected = await TestSql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM journal_entries WHERE is_published AND published_at >= '2026-06-05T08:15:00Z'");
        using var client = api.CreateClient();

        var literal = await client.QueryDataAsync($$"""{ journalEntries(where: { publishedAt: { gte: "{{value}}" } }) { totalCount } }""");
        var variable = await client.QueryDataAsync("query($t: DateTime) { journalEntries(where: { publishedAt: { gte: $t } }) { totalCount } }", new { t = value });

        Assert.Equal(expected, literal.GetProperty("journalEntries").GetProperty("totalCount").GetInt64());
        Assert.Equal(expected, variable.GetProperty("journalEntries").GetProperty("totalCount").GetInt64());
    }
}
