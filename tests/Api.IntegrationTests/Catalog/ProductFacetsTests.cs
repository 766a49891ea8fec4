namespace Diecast.Api.IntegrationTests.Catalog;

/// <summary>
/// <c>productFacets</c>: the catalog filters' counts agree with what <c>products</c> lists for the same filters, in one
/// SQL statement; and <c>Product.related</c>, batched.
/// </summary>
public sealed class ProductFacetsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Facets = "count minPrice maxPrice brands { value count selected } genres { value count selected } scales { value count selected } availability { value count selected }";

    [Fact]
    public async Task Without_selections_each_facet_counts_what_filtering_products_on_that_value_lists()
    {
        using var client = api.CreateClient();
        api.Sql.Clear();
        var facets = (await client.QueryDataAsync($"{{ productFacets {{ {Facets} }} }}")).GetProperty("productFacets");
        Assert.Single(api.Sql.Statements);

        var total = await CountAsync(client, "{}");
        Assert.Equal(total, facets.GetProperty("count").GetInt32());
        foreach (var brand in facets.GetProperty("brands").EnumerateArray())
        {
            Assert.Equal(await CountAsync(client, $"{{ brand: {{ eq: {JsonSerializer.Serialize(brand.GetProperty("value").GetString())} }} }}"), brand.GetProperty("count").GetInt32());
        }

        foreach (var genre in facets.GetProperty("genres").EnumerateArray())
        {
            Assert.Equal(await CountAsync(client, $"{{ genre: {{ eq: {genre.GetProperty("value").GetString()} }} }}"), genre.GetProperty("count").GetInt32());
        }

        Assert.Equal(total, facets.GetProperty("brands").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));
        Assert.Equal(total, facets.GetProperty("scales").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));
        Assert.Equal(["1:18", "1:24", "1:32", "1:43", "1:64"], facets.GetProperty("scales").EnumerateArray().Select(s => s.GetProperty("value").GetString()));
        var availability = facets.GetProperty("availability").EnumerateArray().ToDictionary(a => a.GetProperty("value").GetString()!, a => a.GetProperty("count").GetInt32());
        Assert.Equal(await CountAsync(client, "{}", "IN_STOCK"), availability["IN_STOCK"]);
        Assert.Equal(await CountAsync(client, "{ status: { eq: PRE_ORDER } }"), availability["PRE_ORDER"]);
        Assert.True(availability["IN_STOCK"] + availability["PRE_ORDER"] < total, "sold-out and retired models are neither");
    }

    [Fact]
    public async Task With_selections_a_facet_counts_what_ticking_its_value_would_list()
    {
        using var client = api.CreateClient();
        const string Selected = "selected: { genres: [RACING, RALLY], scales: [\"1:43\"], availability: [IN_STOCK] }";
        var facets = (await client.QueryDataAsync($"{{ productFacets(where: {{ price: {{ lte: 5000 }} }}, {Selected}) {{ {Facets} }} }}")).GetProperty("productFacets");

        // What the listing shows: every selection applied.
        var listed = await CountAsync(client, "{ price: { lte: 5000 }, genre: { in: [RACING, RALLY] }, scale: { eq: \"1:43\" } }", "IN_STOCK");
        Assert.True(listed > 0);
        Assert.Equal(listed, facets.GetProperty("count").GetInt32());

        // A genre's count ignores the genre selection (disjunctive) but keeps the others.
        foreach (var genre in facets.GetProperty("genres").EnumerateArray())
        {
            var value = genre.GetProperty("value").GetString();
            Assert.Equal(await CountAsync(client, $"{{ price: {{ lte: 5000 }}, genre: {{ eq: {value} }}, scale: {{ eq: \"1:43\" }} }}", "IN_STOCK"), genre.GetProperty("count").GetInt32());
            Assert.Equal(value is "RACING" or "RALLY", genre.GetProperty("selected").GetBoolean());
        }

        // A brand's count keeps every selection: there is none on brands.
        Assert.Equal(listed, facets.GetProperty("brands").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));
        // A scale's count ignores the scale selection.
        var scale = facets.GetProperty("scales").EnumerateArray().Single(s => s.GetProperty("value").GetString() == "1:18");
        Assert.Equal(await CountAsync(client, "{ price: { lte: 5000 }, genre: { in: [RACING, RALLY] }, scale: { eq: \"1:18\" } }", "IN_STOCK"), scale.GetProperty("count").GetInt32());
        Assert.True(facets.GetProperty("maxPrice").GetDecimal() <= 5000);
    }

    [Fact]
    public async Task A_selected_value_no_product_has_is_listed_with_zero_so_it_can_be_unticked()
    {
        using var client = api.CreateClient();
        var facets = (await client.QueryDataAsync($"{{ productFacets(selected: {{ brands: [\"No Such Brand\"] }}) {{ {Facets} }} }}")).GetProperty("productFacets");

        Assert.Equal(0, facets.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, facets.GetProperty("minPrice").ValueKind);
        var brand = facets.GetProperty("brands").EnumerateArray().Single(b => b.GetProperty("value").GetString() == "No Such Brand");
        Assert.Equal(0, brand.GetProperty("count").GetInt32());
        Assert.True(brand.GetProperty("selected").GetBoolean());
    }

    [Fact]
    public async Task Facets_follow_the_search_as_products_does()
    {
        using var client = api.CreateClient();
        var facets = (await client.QueryDataAsync($"{{ productFacets(search: \"ferrari\") {{ {Facets} }} }}")).GetProperty("productFacets");
        var products = (await client.QueryDataAsync("{ products(first: 1, search: \"ferrari\") { totalCount } }")).GetProperty("products");

        Assert.True(facets.GetProperty("count").GetInt32() > 0);
        Assert.Equal(products.GetProperty("totalCount").GetInt32(), facets.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Availability_narrows_products_to_in_stock_or_pre_order()
    {
        using var client = api.CreateClient();
        var nodes = (await client.QueryDataAsync("{ products(first: 50, availability: [IN_STOCK, PRE_ORDER]) { nodes { status inStock } } }"))
            .GetProperty("products").GetProperty("nodes").EnumerateArray().ToList();

        Assert.NotEmpty(nodes);
        Assert.All(nodes, n => Assert.True(
            n.GetProperty("status").GetString() == "PRE_ORDER" || (n.GetProperty("status").GetString() == "AVAILABLE" && n.GetProperty("inStock").GetBoolean())));
        Assert.Contains(nodes, n => n.GetProperty("status").GetString() == "PRE_ORDER");
    }

    [Fact]
    public async Task Related_products_share_genre_or_brand_are_never_the_product_itself_and_a_page_loads_them_in_one_statement()
    {
        using var client = api.CreateClient();
        api.Sql.Clear();
        var nodes = (await client.QueryDataAsync("{ products(first: 20) { nodes { id genre brand related(first: 4) { id genre brand } } } }"))
            .GetProperty("products").GetProperty("nodes").EnumerateArray().ToList();

        // The page and the related products of all twenty: two statements, not twenty-one.
        Assert.True(api.Sql.Statements.Count <= 2, $"{api.Sql.Statements.Count} statements:\n{string.Join("\n---\n", api.Sql.Statements)}");
        Assert.All(nodes, n =>
        {
            var related = n.GetProperty("related").EnumerateArray().ToList();
            Assert.Equal(4, related.Count);
            Assert.All(related, r =>
            {
                Assert.NotEqual(n.GetProperty("id").GetString(), r.GetProperty("id").GetString());
                Assert.True(r.GetProperty("genre").GetString() == n.GetProperty("genre").GetString() || r.GetProperty("brand").GetString() == n.GetProperty("brand").GetString());
            });
        });
    }

    [Fact]
    public async Task Related_products_leave_archived_ones_out_and_refuse_an_unreasonable_count()
    {
        using var client = api.CreateClient();
        await TestSql.ExecuteAsync(api.ConnectionString, """
            INSERT INTO products (slug, name, brand, make, model, year, scale, genre, status, description, price, stock_quantity, images, is_featured, archived_at)
            VALUES ('related-archived-twin', 'Archived twin', 'Related Test Brand', 'X', 'Y', 2000, '1:18', 'concept', 'available', 'x', 100, 1, '{}', false, now()),
                   ('related-visible-twin', 'Visible twin', 'Related Test Brand', 'X', 'Y', 2000, '1:18', 'concept', 'available', 'x', 100, 1, '{}', false, null);
            """);
        var data = await client.QueryDataAsync("{ productBySlug(slug: \"related-visible-twin\") { related(first: 12) { slug } } }");
        var slugs = data.GetProperty("productBySlug").GetProperty("related").EnumerateArray().Select(r => r.GetProperty("slug").GetString()).ToList();

        Assert.DoesNotContain("related-archived-twin", slugs);
        Assert.DoesNotContain("related-visible-twin", slugs);
        Assert.NotEmpty(slugs);

        var (_, body) = await client.PostGraphQLAsync("{ productBySlug(slug: \"related-visible-twin\") { related(first: 1000) { slug } } }");
        Assert.Equal("ARGUMENT_OUT_OF_RANGE", body.FirstErrorCode());
    }

    private static async Task<int> CountAsync(HttpClient client, string where, string? availability = null)
    {
        var data = await client.QueryDataAsync($"{{ products(first: 1, where: {where}{(availability is null ? "" : $", availability: [{availability}]")}) {{ totalCount }} }}");
        return data.GetProperty("products").GetProperty("totalCount").GetInt32();
    }
}
