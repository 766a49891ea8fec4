namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A connection's <c>where:</c> checked against SQL on the same database: the keys GraphQL returns (every page read,
/// <c>totalCount</c> checked on the way) against the keys a hand-written SQL condition selects, both sorted.
/// </summary>
/// <param name="api">The instance under test; its database answers the SQL.</param>
/// <param name="field">The connection field, e.g. <c>products</c>.</param>
/// <param name="key">The field that tells rows apart, named the same in GraphQL and SQL, e.g. <c>slug</c>.</param>
/// <param name="table">The table, with an alias if conditions need one, e.g. <c>orders o</c>.</param>
/// <param name="scope">The SQL condition for the rows the connection lists without a filter, e.g. <c>is_published</c>.</param>
public sealed class FilterComparison(ApiFactory api, string field, string key, string table, string scope = "true")
{
    /// <summary>The filter's input type, for filters sent as the variable <c>$where</c>.</summary>
    public string? FilterType { get; init; }

    /// <summary>Who asks; anonymous unless set.</summary>
    public Func<HttpClient>? CreateClient { get; init; }

    /// <summary>The filter selects some rows but not all, exactly those <paramref name="sqlCondition"/> selects.</summary>
    public async Task AssertSelectsAsync(string where, string sqlCondition, JsonElement? whereVariable = null)
    {
        var expected = await WhereAsync(sqlCondition);
        var total = await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM {table} WHERE {scope}");
        Assert.True(expected.Count > 0 && expected.Count < total, $"The SQL condition should select some {field}, not {expected.Count} of {total}: {sqlCondition}");

        Assert.Equal(expected, await FromGraphQLAsync(where, whereVariable));
    }

    /// <summary>
    /// The key of every row the filter matches, sorted, read in pages of 50. With a <paramref name="whereVariable"/>,
    /// pass "$where" as <paramref name="where"/>.
    /// </summary>
    public async Task<List<string>> FromGraphQLAsync(string where, JsonElement? whereVariable = null)
    {
        var declarations = whereVariable is null ? "$after: String" : $"$after: String, $where: {FilterType ?? throw new InvalidOperationException("Set FilterType to send $where.")}";
        using var client = CreateClient?.Invoke() ?? api.CreateClient();
        var keys = new List<string>();
        string? after = null;
        while (true)
        {
            var data = await client.QueryDataAsync(
                $$"""
                query({{declarations}}) {
                  {{field}}(where: {{where}}, first: 50, after: $after) {
                    totalCount
                    pageInfo { hasNextPage endCursor }
                    nodes { {{key}} }
                  }
                }
                """,
                whereVariable is null ? new { after } : new { after, where = whereVariable });
            var connection = data.GetProperty(field);
            keys.AddRange(connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty(key).GetString()!));
            var pageInfo = connection.GetProperty("pageInfo");
            if (!pageInfo.GetProperty("hasNextPage").GetBoolean())
            {
                Assert.Equal(connection.GetProperty("totalCount").GetInt32(), keys.Count);
                return [.. keys.Order(StringComparer.Ordinal)];
            }

            after = pageInfo.GetProperty("endCursor").GetString();
        }
    }

    /// <summary>The keys of the rows the connection lists that meet <paramref name="sqlCondition"/>, sorted.</summary>
    public Task<List<string>> WhereAsync(string sqlCondition) => FromSqlAsync($"SELECT {key} FROM {table} WHERE {scope} AND ({sqlCondition})");

    /// <summary>The keys of every row the connection lists without a filter, sorted.</summary>
    public Task<List<string>> AllAsync() => WhereAsync("true");

    /// <summary>The first column of what <paramref name="sql"/> returns, sorted.</summary>
    public async Task<List<string>> FromSqlAsync(string sql) => [.. (await TestSql.StringsAsync(api.ConnectionString, sql)).Order(StringComparer.Ordinal)];
}
