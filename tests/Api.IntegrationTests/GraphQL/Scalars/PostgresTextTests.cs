namespace Diecast.Api.IntegrationTests.GraphQL.Scalars;

/// <summary>
/// NUL (U+0000) in any String or ID input, wherever it is written, is a client error with a code before any SQL
/// runs: PostgreSQL's text cannot hold it and would fail the query (22021) as a server error. So is an unpaired
/// surrogate, which a GraphQL string literal can escape (JSON variables cannot carry one: see GraphQLHttpTests).
/// </summary>
public sealed class PostgresTextTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // Literals are checked by validation (ARGUMENTS_OF_CORRECT_TYPE, or for variable defaults
    // DEFAULT_VALUES_OF_CORRECT_TYPE); variables when they are coerced (INVALID_VALUE). \u0000 is the GraphQL escape.
    public static TheoryData<string, string> NulLiterals => new()
    {
        { "a slug", """{ productBySlug(slug: "\u0000") { id } }""" },
        { "inside a longer string", """{ productBySlug(slug: "autoart-\u0000-zonda") { id } }""" },
        { "a journal slug", """{ journalEntryBySlug(slug: "a\u0000") { id } }""" },
        { "a filter operand", """{ products(where: { name: { contains: "Ferrari\u0000" } }) { totalCount } }""" },
        { "an in list", """{ products(where: { brand: { in: ["AutoArt", "\u0000"] } }) { totalCount } }""" },
        { "a nested filter", """{ products(where: { and: [{ or: [{ slug: { startsWith: "\u0000" } }] }] }) { totalCount } }""" },
        { "a list element filter", """{ products(where: { images: { some: { eq: "\u0000" } } }) { totalCount } }""" },
        { "a journal tag", """{ journalEntries(where: { tags: { all: { nin: ["\u0000"] } } }) { totalCount } }""" },
        { "a search", """{ products(search: "zonda \u0000") { totalCount } }""" },
        { "a cursor", """{ products(after: "\u0000") { totalCount } }""" },
        { "an ID", """{ node(id: "UHJvZHVjdDox\u0000") { id } }""" },
        { "an ID list", """{ nodes(ids: ["\u0000"]) { id } }""" },
        { "a variable's default", """query($s: String = "\u0000") { productBySlug(slug: $s) { id } }""" },
        { "an unpaired high surrogate", """{ productBySlug(slug: "\ud800") { id } }""" },
        { "an unpaired low surrogate in a filter", """{ products(where: { name: { contains: "a\udc00b" } }) { totalCount } }""" },
        { "a reversed pair in a list", """{ products(where: { brand: { in: ["\udc00\ud800"] } }) { totalCount } }""" },
    };

    [Theory]
    [MemberData(nameof(NulLiterals))]
    public async Task Nul_in_a_literal_is_refused_before_any_SQL(string where, string document)
    {
        var body = await RefusedAsync(document, variables: null);

        Assert.True(body.FirstErrorCode() is "ARGUMENTS_OF_CORRECT_TYPE" or "DEFAULT_VALUES_OF_CORRECT_TYPE", $"{where}: {body}");
    }

    public static TheoryData<string, string, string> NulVariables => new()
    {
        { "a slug", "query($v: String!) { productBySlug(slug: $v) { id } }", "\"\\u0000\"" },
        { "inside a longer string", "query($v: String!) { productBySlug(slug: $v) { id } }", "\"autoart-\\u0000-zonda\"" },
        { "a whole filter", "query($v: ProductFilterInput) { products(where: $v) { totalCount } }", """{ "name": { "eq": "a\u0000" } }""" },
        { "a list in a filter", "query($v: ProductFilterInput) { products(where: $v) { totalCount } }", """{ "brand": { "nin": ["AutoArt", "\u0000"] } }""" },
        { "a nested filter", "query($v: ProductFilterInput) { products(where: $v) { totalCount } }", """{ "or": [{ "and": [{ "model": { "endsWith": "\u0000" } }] }] }""" },
        { "a list of strings", "query($v: [String]) { products(where: { slug: { in: $v } }) { totalCount } }", """["a", "\u0000"]""" },
        { "a search", "query($v: String) { products(search: $v) { totalCount } }", "\"\\u0000\"" },
        { "an ID", "query($v: ID!) { node(id: $v) { id } }", "\"\\u0000\"" },
    };

    [Theory]
    [MemberData(nameof(NulVariables))]
    public async Task Nul_in_a_variable_is_refused_before_any_SQL(string where, string document, string json)
    {
        using var value = JsonDocument.Parse(json);

        var body = await RefusedAsync(document, new { v = value.RootElement });

        Assert.True(body.FirstErrorCode() == "INVALID_VALUE", $"{where}: {body}");
    }

    [Fact]
    public async Task Nul_in_a_mutation_input_writes_nothing()
    {
        using var admin = api.CreateAdminClient();
        var slug = "nul-test-" + Guid.NewGuid().ToString("N")[..8];
        var input = new Dictionary<string, object?>
        {
            ["slug"] = slug, ["name"] = "Nul\0Car", ["brand"] = "Mini GT", ["make"] = "Tata", ["model"] = "Nexon", ["year"] = 2024,
            ["scale"] = "1:64", ["genre"] = "CLASSIC", ["status"] = "AVAILABLE", ["description"] = "A test model.", ["price"] = 2499.50m,
            ["stockQuantity"] = 5, ["images"] = new[] { "https://img.example.com/\0.jpg" }, ["isFeatured"] = false,
        };
        api.Sql.Clear();

        var (response, body) = await admin.PostGraphQLAsync("mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } } }", new { input });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_VALUE", body.FirstErrorCode());
        Assert.Empty(api.Sql.Statements);
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM products WHERE slug = '{slug}'"));
    }

    [Fact]
    public async Task Other_control_characters_and_paired_surrogates_still_reach_the_database()
    {
        using var client = api.CreateClient();

        var variable = await client.QueryDataAsync("query($v: String!) { productBySlug(slug: $v) { id } }", new { v = "a\u0001\t\u007f 🚗" });
        var literal = await client.QueryDataAsync("""{ productBySlug(slug: "\ud83d\ude97") { id } }""");

        Assert.Equal(JsonValueKind.Null, variable.GetProperty("productBySlug").ValueKind);
        Assert.Equal(JsonValueKind.Null, literal.GetProperty("productBySlug").ValueKind);
    }

    /// <summary>The response to a refused document: 400, a message (GraphQL.NET's, naming the argument or variable), no data and no SQL.</summary>
    private async Task<JsonElement> RefusedAsync(string document, object? variables)
    {
        using var client = api.CreateClient();
        api.Sql.Clear();

        var (response, body) = await client.PostGraphQLAsync(document, variables);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body.ToString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("errors")[0].GetProperty("message").GetString()));
        Assert.False(body.TryGetProperty("data", out _));
        Assert.Empty(api.Sql.Statements);
        return body;
    }
}
