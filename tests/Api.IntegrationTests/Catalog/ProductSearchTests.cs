namespace Diecast.Api.IntegrationTests.Catalog;

/// <summary>The products field's full-text <c>search:</c>, which HotChocolate does not have.</summary>
public sealed class ProductSearchTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Search_finds_words_anywhere_in_the_product_and_ranks_the_best_match_first()
    {
        using var client = api.CreateClient();
        var data = await client.QueryDataAsync("""{ products(first: 50, search: "gypsy rally") { nodes { name description } } }""");
        var names = data.GetProperty("products").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()!).ToList();

        Assert.NotEmpty(names);
        Assert.Contains("Gypsy", names[0], StringComparison.Ordinal);
        Assert.All(data.GetProperty("products").GetProperty("nodes").EnumerateArray(), n =>
            Assert.Contains("gypsy", (n.GetProperty("name").GetString() + " " + n.GetProperty("description").GetString()).ToLowerInvariant(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_understands_stemming_phrases_and_exclusions()
    {
        using var client = api.CreateClient();
        var all = await CountAsync(client, "rally");
        var plural = await CountAsync(client, "rallies");
        var excluded = await CountAsync(client, "rally -gypsy");
        var phrase = await CountAsync(client, "\"kolkata taxi\"");
        var reversedPhrase = await CountAsync(client, "\"taxi kolkata\"");

        Assert.True(all > 1);
        Assert.Equal(all, plural);
        Assert.True(excluded < all, $"excluding gypsy: {excluded}, all rally: {all}");
        Assert.Equal(1, phrase);
        Assert.Equal(0, reversedPhrase);
    }

    [Fact]
    public async Task Search_combines_with_filters_sorting_and_paging()
    {
        using var client = api.CreateClient();
        const string Query = """
            query($after: String) {
              products(first: 2, after: $after, search: "ferrari", where: { price: { gt: 3000 } }, order: [{ price: ASC }]) {
                totalCount nodes { name price } pageInfo { hasNextPage endCursor }
              }
            }
            """;

        var first = (await client.QueryDataAsync(Query)).GetProperty("products");
        var second = (await client.QueryDataAsync(Query, new { after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() })).GetProperty("products");
        var prices = first.GetProperty("nodes").EnumerateArray().Concat(second.GetProperty("nodes").EnumerateArray()).Select(n => n.GetProperty("price").GetDecimal()).ToList();

        Assert.Equal(prices.Order().ToList(), prices);
        Assert.All(prices, p => Assert.True(p > 3000));
        Assert.Equal(Math.Min(4, first.GetProperty("totalCount").GetInt32()), prices.Count);
    }

    [Fact]
    public async Task Ranked_results_page_without_repeats()
    {
        using var client = api.CreateClient();
        var all = (await client.QueryDataAsync("""{ products(first: 50, search: "model") { nodes { slug } } }"""))
            .GetProperty("products").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("slug").GetString()).ToList();
        var paged = new List<string?>();
        string? after = null;
        do
        {
            var page = (await client.QueryDataAsync("""query($after: String) { products(first: 4, after: $after, search: "model") { nodes { slug } pageInfo { hasNextPage endCursor } } }""", new { after }))
                .GetProperty("products");
            paged.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("slug").GetString()));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);

        Assert.True(all.Count > 4);
        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task A_cursor_from_one_search_does_not_open_another()
    {
        using var client = api.CreateClient();
        var cursor = (await client.QueryDataAsync("""{ products(first: 1, search: "ferrari") { pageInfo { endCursor } } }"""))
            .GetProperty("products").GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var (_, body) = await client.PostGraphQLAsync("""query($after: String) { products(first: 1, after: $after, search: "porsche") { nodes { slug } } }""", new { after = cursor });

        Assert.Equal("HC0078", body.FirstErrorCode());
    }

    [Fact]
    public async Task An_overlong_search_is_refused()
    {
        using var client = api.CreateClient();
        var (_, body) = await client.PostGraphQLAsync("query($s: String) { products(search: $s) { nodes { slug } } }", new { s = new string('a', 201) });

        Assert.Equal("SEARCH_TOO_LONG", body.FirstErrorCode());
    }

    private static async Task<int> CountAsync(HttpClient client, string search) =>
        (await client.QueryDataAsync("query($s: String) { products(search: $s) { totalCount } }", new { s = search }))
            .GetProperty("products").GetProperty("totalCount").GetInt32();
}
