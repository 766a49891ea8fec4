namespace Diecast.Api.IntegrationTests.Catalog;

/// <summary>
/// Every <c>where:</c> operation on products, run through GraphQL against PostgreSQL and checked against the rows a
/// hand-written SQL query selects from the same database.
/// </summary>
public sealed class ProductFilteringTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly FilterComparison _products = new(api, "products", "slug", "products") { FilterType = "ProductFilterInput" };

    // Strings

    [Fact]
    public Task Eq_matches_the_whole_value() =>
        _products.AssertSelectsAsync("""{ brand: { eq: "AutoArt" } }""", "brand = 'AutoArt'");

    [Fact]
    public async Task Eq_is_exact_so_it_is_case_sensitive()
    {
        Assert.Empty(await _products.FromGraphQLAsync("""{ brand: { eq: "autoart" } }"""));
        Assert.Empty(await _products.FromGraphQLAsync("""{ brand: { eq: "AutoAr" } }"""));
    }

    [Fact]
    public Task Neq_excludes_the_value() =>
        _products.AssertSelectsAsync("""{ brand: { neq: "AutoArt" } }""", "brand <> 'AutoArt'");

    [Fact]
    public Task Contains_matches_a_substring() =>
        _products.AssertSelectsAsync("""{ name: { contains: "Ferrari" } }""", "name LIKE '%Ferrari%'");

    [Theory]
    [InlineData("FERRARI")]
    [InlineData("ferrari")]
    [InlineData("fErRaRi")]
    public async Task Contains_is_case_insensitive(string value)
    {
        var slugs = await _products.FromGraphQLAsync($$"""{ name: { contains: "{{value}}" } }""");

        Assert.NotEmpty(slugs);
        Assert.Equal(await _products.WhereAsync("name LIKE '%Ferrari%'"), slugs);
    }

    [Fact]
    public Task Ncontains_excludes_substring_matches_whatever_their_case() =>
        _products.AssertSelectsAsync("""{ name: { ncontains: "FERRARI" } }""", "name NOT ILIKE '%ferrari%'");

    // The demo catalog has no %, _ or \ in its names; ProductTextFilteringTests adds rows that do.
    [Fact]
    public async Task A_percent_sign_in_contains_is_matched_literally()
    {
        Assert.Empty(await _products.WhereAsync("strpos(name, '%') > 0"));

        Assert.Empty(await _products.FromGraphQLAsync("""{ name: { contains: "%" } }"""));
        // As a LIKE wildcard, this would find "Ferrari 250 GTO".
        Assert.Empty(await _products.FromGraphQLAsync("""{ name: { contains: "Ferrari%GTO" } }"""));
        Assert.Empty(await _products.FromGraphQLAsync("""{ name: { startsWith: "%" } }"""));
        Assert.Empty(await _products.FromGraphQLAsync("""{ name: { endsWith: "%" } }"""));
    }

    [Fact]
    public async Task An_underscore_in_contains_is_matched_literally()
    {
        Assert.Empty(await _products.WhereAsync("strpos(name, '_') > 0"));

        Assert.Empty(await _products.FromGraphQLAsync("""{ name: { contains: "_" } }"""));
        // As a LIKE wildcard, _ would stand for the colon of "1:18".
        Assert.Empty(await _products.FromGraphQLAsync("""{ name: { contains: "1_18" } }"""));
        Assert.NotEmpty(await _products.FromGraphQLAsync("""{ name: { contains: "1:18" } }"""));
    }

    [Fact]
    public async Task A_backslash_in_contains_is_matched_literally()
    {
        Assert.Empty(await _products.FromGraphQLAsync("""{ name: { contains: "\\" } }"""));
        Assert.Empty(await _products.FromGraphQLAsync("""{ name: { contains: "Ferrari\\ 250" } }"""));
    }

    [Fact]
    public Task In_matches_any_listed_value() =>
        _products.AssertSelectsAsync("""{ brand: { in: ["AutoArt", "Kyosho", "No Such Brand"] } }""", "brand IN ('AutoArt', 'Kyosho')");

    [Fact]
    public Task Nin_excludes_every_listed_value() =>
        _products.AssertSelectsAsync("""{ brand: { nin: ["AutoArt", "Kyosho", "No Such Brand"] } }""", "brand NOT IN ('AutoArt', 'Kyosho')");

    [Fact]
    public async Task In_an_empty_list_matches_nothing_and_nin_an_empty_list_everything()
    {
        Assert.Empty(await _products.FromGraphQLAsync("{ brand: { in: [] } }"));
        Assert.Equal(await _products.AllAsync(), await _products.FromGraphQLAsync("{ brand: { nin: [] } }"));
    }

    [Fact]
    public async Task Contains_an_empty_string_matches_every_value_but_not_a_missing_one()
    {
        Assert.Equal(await _products.AllAsync(), await _products.FromGraphQLAsync("""{ name: { contains: "" } }"""));
        Assert.Equal(await _products.WhereAsync("video_url IS NOT NULL"), await _products.FromGraphQLAsync("""{ videoUrl: { contains: "" } }"""));
    }

    [Fact]
    public Task StartsWith_is_a_case_insensitive_prefix_match() =>
        _products.AssertSelectsAsync("""{ brand: { startsWith: "HOT" } }""", "brand LIKE 'Hot%'");

    [Fact]
    public Task NstartsWith_excludes_prefix_matches_whatever_their_case() =>
        _products.AssertSelectsAsync("""{ name: { nstartsWith: "porsche" } }""", "name NOT ILIKE 'porsche%'");

    [Theory]
    [InlineData("{ slug: { endsWith: \"-1-43\" } }", "slug LIKE '%-1-43'")]
    [InlineData("{ model: { endsWith: \"gt\" } }", "model ILIKE '%gt'")]
    public Task EndsWith_is_a_case_insensitive_suffix_match(string where, string sqlCondition) =>
        _products.AssertSelectsAsync(where, sqlCondition);

    [Fact]
    public Task NendsWith_excludes_suffix_matches_whatever_their_case() =>
        _products.AssertSelectsAsync("""{ name: { nendsWith: "1:64" } }""", "name NOT LIKE '%1:64'");

    [Fact]
    public Task And_inside_a_string_filter_needs_every_condition() =>
        _products.AssertSelectsAsync(
            """{ name: { and: [{ contains: "ferrari" }, { endsWith: "1:18" }] } }""",
            "name ILIKE '%ferrari%' AND name LIKE '%1:18'");

    [Fact]
    public Task Or_inside_a_string_filter_needs_any_condition() =>
        _products.AssertSelectsAsync(
            """{ name: { or: [{ startsWith: "Porsche" }, { startsWith: "Ferrari" }] } }""",
            "name LIKE 'Porsche%' OR name LIKE 'Ferrari%'");

    [Fact]
    public Task Several_operations_on_one_string_are_all_required() =>
        _products.AssertSelectsAsync(
            """{ scale: { neq: "1:18", nin: ["1:64"] } }""",
            "scale NOT IN ('1:18', '1:64')");

    // Numbers

    [Theory]
    [InlineData("eq: 1970", "year = 1970")]
    [InlineData("neq: 1970", "year <> 1970")]
    [InlineData("in: [1970, 2020, 1234]", "year IN (1970, 2020)")]
    [InlineData("nin: [1970, 2020, 1234]", "year NOT IN (1970, 2020)")]
    [InlineData("gt: 2020", "year > 2020")]
    [InlineData("ngt: 2020", "year <= 2020")]
    [InlineData("gte: 2020", "year >= 2020")]
    [InlineData("ngte: 2020", "year < 2020")]
    [InlineData("lt: 1970", "year < 1970")]
    [InlineData("nlt: 1970", "year >= 1970")]
    [InlineData("lte: 1970", "year <= 1970")]
    [InlineData("nlte: 1970", "year > 1970")]
    [InlineData("gt: 1969, lt: 1972", "year IN (1970, 1971)")]
    public Task Int_comparisons_match_SQL(string operations, string sqlCondition) =>
        _products.AssertSelectsAsync($$"""{ year: { {{operations}} } }""", sqlCondition);

    [Theory]
    [InlineData("eq: 4999", "price = 4999")]
    [InlineData("neq: 4999", "price <> 4999")]
    [InlineData("in: [179, 4999, 123.45]", "price IN (179, 4999)")]
    [InlineData("nin: [179, 4999, 123.45]", "price NOT IN (179, 4999)")]
    [InlineData("gt: 4999", "price > 4999")]
    [InlineData("ngt: 4999", "price <= 4999")]
    [InlineData("gte: 4999", "price >= 4999")]
    [InlineData("ngte: 4999", "price < 4999")]
    [InlineData("lt: 4999", "price < 4999")]
    [InlineData("nlt: 4999", "price >= 4999")]
    [InlineData("lte: 4999", "price <= 4999")]
    [InlineData("nlte: 4999", "price > 4999")]
    [InlineData("eq: 449.5", "price = 449.50")]
    [InlineData("gt: 449, lt: 450", "price = 449.50")]
    [InlineData("gt: 449.49, lte: 449.50", "price = 449.50")]
    public Task Decimal_comparisons_match_SQL(string operations, string sqlCondition) =>
        _products.AssertSelectsAsync($$"""{ price: { {{operations}} } }""", sqlCondition);

    [Theory]
    [InlineData("eq", true)]
    [InlineData("gte", true)]
    [InlineData("lte", true)]
    [InlineData("ngt", true)]
    [InlineData("nlt", true)]
    [InlineData("in", true)]
    [InlineData("neq", false)]
    [InlineData("gt", false)]
    [InlineData("lt", false)]
    [InlineData("ngte", false)]
    [InlineData("nlte", false)]
    [InlineData("nin", false)]
    public async Task A_price_exactly_on_the_bound_is_included_only_by_inclusive_operations(string operation, bool included)
    {
        var slugs = await _products.WhereAsync("price = 4999.00");
        var boundary = Assert.Single(slugs);
        var value = operation is "in" or "nin" ? "[4999.00]" : "4999.00";

        var found = await _products.FromGraphQLAsync($$"""{ price: { {{operation}}: {{value}} } }""");

        Assert.Equal(included, found.Contains(boundary));
    }

    // Dates, Booleans, enums

    [Fact]
    public async Task CreatedAt_after_a_past_date_returns_every_product()
    {
        var all = await _products.AllAsync();

        Assert.Equal(all, await _products.FromGraphQLAsync("""{ createdAt: { gt: "2000-01-01T00:00:00Z" } }"""));
        Assert.Empty(await _products.FromGraphQLAsync("""{ createdAt: { lt: "2000-01-01T00:00:00Z" } }"""));
    }

    [Fact]
    public async Task CreatedAt_comparisons_are_exact_to_the_microsecond()
    {
        var newest = await ScalarAsync<DateTime>("SELECT max(created_at) FROM products");
        var at = newest.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var expected = await _products.WhereAsync($"created_at >= '{at}'");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, await _products.FromGraphQLAsync($$"""{ createdAt: { gte: "{{at}}" } }"""));
        Assert.Equal(expected, await _products.FromGraphQLAsync($$"""{ createdAt: { eq: "{{at}}" } }"""));
        Assert.Empty(await _products.FromGraphQLAsync($$"""{ createdAt: { gt: "{{at}}" } }"""));
    }

    [Fact]
    public Task IsFeatured_eq_true_finds_the_featured_products() =>
        _products.AssertSelectsAsync("{ isFeatured: { eq: true } }", "is_featured");

    [Theory]
    [InlineData("eq: false", "NOT is_featured")]
    [InlineData("neq: true", "NOT is_featured")]
    [InlineData("neq: false", "is_featured")]
    public Task Boolean_operations_match_SQL(string operations, string sqlCondition) =>
        _products.AssertSelectsAsync($$"""{ isFeatured: { {{operations}} } }""", sqlCondition);

    [Theory]
    [InlineData("genre: { eq: RALLY }", "genre = 'rally'")]
    [InlineData("genre: { eq: OFF_ROAD }", "genre = 'off_road'")]
    [InlineData("genre: { neq: RALLY }", "genre <> 'rally'")]
    [InlineData("genre: { in: [RALLY, JDM, MOVIE_TV] }", "genre IN ('rally', 'jdm', 'movie_tv')")]
    [InlineData("genre: { nin: [RALLY, JDM, MOVIE_TV] }", "genre NOT IN ('rally', 'jdm', 'movie_tv')")]
    [InlineData("status: { eq: PRE_ORDER }", "status = 'pre_order'")]
    [InlineData("status: { neq: AVAILABLE }", "status <> 'available'")]
    [InlineData("status: { in: [SOLD_OUT, RETIRED] }", "status IN ('sold_out', 'retired')")]
    [InlineData("status: { nin: [SOLD_OUT, RETIRED] }", "status NOT IN ('sold_out', 'retired')")]
    public Task Enum_operations_match_SQL(string filter, string sqlCondition) =>
        _products.AssertSelectsAsync($$"""{ {{filter}} }""", sqlCondition);

    // Nullable strings

    [Fact]
    public Task Eq_null_finds_the_products_without_a_video() =>
        _products.AssertSelectsAsync("{ videoUrl: { eq: null } }", "video_url IS NULL");

    [Fact]
    public Task Neq_null_finds_the_products_with_a_video() =>
        _products.AssertSelectsAsync("{ videoUrl: { neq: null } }", "video_url IS NOT NULL");

    [Fact]
    public async Task Neq_a_value_keeps_the_products_without_a_video()
    {
        var video = await ScalarAsync<string>("SELECT video_url FROM products WHERE video_url IS NOT NULL ORDER BY id LIMIT 1");

        await _products.AssertSelectsAsync($$"""{ videoUrl: { neq: "{{video}}" } }""", $"video_url IS DISTINCT FROM '{video}'");
    }

    [Fact]
    public Task In_with_null_finds_the_products_without_a_video() =>
        _products.AssertSelectsAsync("""{ videoUrl: { in: [null, "https://example.com/none"] } }""", "video_url IS NULL");

    [Fact]
    public Task Contains_never_matches_a_missing_video() =>
        _products.AssertSelectsAsync("""{ videoUrl: { contains: "YOUTUBE" } }""", "video_url ILIKE '%youtube%'");

    // HotChocolate's ncontains is `x == null || !x.Contains(v)`, and nstartsWith/nendsWith negate `x != null && …`:
    // a missing value does not contain, start or end with anything.
    [Theory]
    [InlineData("ncontains: \"youtube\"", "video_url IS NULL OR video_url NOT ILIKE '%youtube%'")]
    [InlineData("nstartsWith: \"https://www.youtube\"", "video_url IS NULL OR video_url NOT ILIKE 'https://www.youtube%'")]
    [InlineData("nendsWith: \"S0\"", "video_url IS NULL OR video_url NOT ILIKE '%s0'")]
    public Task Negated_text_operations_keep_the_products_without_a_video(string operation, string sqlCondition) =>
        _products.AssertSelectsAsync($$"""{ videoUrl: { {{operation}} } }""", sqlCondition);

    // Lists of strings

    [Fact]
    public Task Images_some_needs_one_matching_image() =>
        _products.AssertSelectsAsync(
            """{ images: { some: { endsWith: "/4.JPG" } } }""",
            "EXISTS (SELECT 1 FROM unnest(images) AS image WHERE image ILIKE '%/4.jpg')");

    [Fact]
    public async Task Images_some_eq_finds_the_product_with_that_image()
    {
        var image = await ScalarAsync<string>("SELECT images[2] FROM products ORDER BY id DESC LIMIT 1");

        await _products.AssertSelectsAsync($$"""{ images: { some: { eq: "{{image}}" } } }""", $"'{image}' = ANY (images)");
    }

    [Fact]
    public Task Images_all_needs_every_image_to_match() =>
        _products.AssertSelectsAsync(
            """{ images: { all: { contains: "hot-wheels" } } }""",
            "NOT EXISTS (SELECT 1 FROM unnest(images) AS image WHERE image NOT ILIKE '%hot-wheels%')");

    [Fact]
    public Task Images_none_needs_no_image_to_match() =>
        _products.AssertSelectsAsync(
            """{ images: { none: { endsWith: "/3.jpg" } } }""",
            "NOT EXISTS (SELECT 1 FROM unnest(images) AS image WHERE image LIKE '%/3.jpg')");

    [Fact]
    public async Task Images_any_tells_products_with_images_from_those_without()
    {
        Assert.Equal(await _products.WhereAsync("cardinality(images) > 0"), await _products.FromGraphQLAsync("{ images: { any: true } }"));
        Assert.Equal(await _products.WhereAsync("cardinality(images) = 0"), await _products.FromGraphQLAsync("{ images: { any: false } }"));
    }

    // Combinations

    [Fact]
    public Task Fields_in_one_object_are_all_required() =>
        _products.AssertSelectsAsync("""{ genre: { eq: JDM }, scale: { eq: "1:64" } }""", "genre = 'jdm' AND scale = '1:64'");

    [Fact]
    public Task And_needs_every_entry() =>
        _products.AssertSelectsAsync(
            """{ and: [{ genre: { eq: RALLY } }, { price: { lt: 2000 } }] }""",
            "genre = 'rally' AND price < 2000");

    [Fact]
    public Task Or_needs_any_entry() =>
        _products.AssertSelectsAsync(
            """{ or: [{ brand: { eq: "AutoArt" } }, { isFeatured: { eq: true } }] }""",
            "brand = 'AutoArt' OR is_featured");

    [Fact]
    public Task And_nested_inside_or_groups_its_conditions() =>
        _products.AssertSelectsAsync(
            """{ or: [{ and: [{ genre: { eq: JDM } }, { scale: { eq: "1:64" } }] }, { brand: { eq: "Kyosho" } }] }""",
            "(genre = 'jdm' AND scale = '1:64') OR brand = 'Kyosho'");

    [Fact]
    public Task Or_beside_other_fields_is_ANDed_with_them() =>
        _products.AssertSelectsAsync(
            """{ scale: { eq: "1:18" }, or: [{ genre: { eq: SUPERCAR } }, { price: { lt: 3000 } }] }""",
            "scale = '1:18' AND (genre = 'supercar' OR price < 3000)");

    [Fact]
    public async Task An_empty_filter_returns_every_product()
    {
        var all = await _products.AllAsync();

        Assert.True(all.Count > 50, $"The catalog should fill more than one page of 50, not {all.Count} products.");
        Assert.Equal(all, await _products.FromGraphQLAsync("{}"));
        Assert.Equal(all, await _products.FromGraphQLAsync("null"));
        Assert.Equal(all, await _products.FromGraphQLAsync("{ brand: {} }"));
        Assert.Equal(all, await _products.FromGraphQLAsync("{ and: [] }"));
    }

    [Theory]
    [InlineData("""{ "genre": { "in": ["RALLY", "JDM"] }, "price": { "gte": 1999.00 } }""", "genre IN ('rally', 'jdm') AND price >= 1999")]
    [InlineData("""{ "or": [{ "name": { "contains": "FERRARI" } }, { "createdAt": { "lt": "2000-01-01T00:00:00Z" } }] }""", "name ILIKE '%ferrari%'")]
    [InlineData("""{ "images": { "some": { "endsWith": "/4.jpg" } }, "videoUrl": { "eq": null } }""", "cardinality(images) >= 4 AND video_url IS NULL")]
    [InlineData("""{ "year": { "nin": [1970, 1971] }, "isFeatured": { "eq": false }, "status": { "neq": "AVAILABLE" } }""", "year NOT IN (1970, 1971) AND NOT is_featured AND status <> 'available'")]
    public async Task A_filter_sent_as_a_variable_selects_like_a_literal(string whereJson, string sqlCondition)
    {
        using var where = JsonDocument.Parse(whereJson);

        await _products.AssertSelectsAsync("$where", sqlCondition, where.RootElement);
    }

    // Null where a value is needed

    // As HotChocolate: null is a value only for a member that can hold it (videoUrl, above), and only for eq, neq, in and
    // nin; anywhere else it is HC0026, for every kind of field, in literals and variables alike.
    [Theory]
    [InlineData("brand: { eq: null }")]
    [InlineData("brand: { neq: null }")]
    [InlineData("year: { eq: null }")]
    [InlineData("year: { neq: null }")]
    [InlineData("price: { eq: null }")]
    [InlineData("price: { neq: null }")]
    [InlineData("genre: { eq: null }")]
    [InlineData("status: { neq: null }")]
    [InlineData("isFeatured: { eq: null }")]
    [InlineData("isFeatured: { neq: null }")]
    [InlineData("createdAt: { eq: null }")]
    [InlineData("price: { gt: null }")]
    [InlineData("year: { lte: null }")]
    [InlineData("createdAt: { ngte: null }")]
    [InlineData("videoUrl: { endsWith: null }")]
    [InlineData("name: { contains: null }")]
    [InlineData("videoUrl: { nstartsWith: null }")]
    [InlineData("brand: { in: null }")]
    [InlineData("videoUrl: { nin: null }")]
    [InlineData("brand: { in: [\"AutoArt\", null] }")]
    [InlineData("year: { nin: [null] }")]
    [InlineData("genre: { in: null }")]
    [InlineData("images: { some: null }")]
    [InlineData("images: { any: null }")]
    [InlineData("images: { some: { eq: null } }")]
    [InlineData("images: { all: { in: [null] } }")]
    [InlineData("images: null")]
    [InlineData("year: null")]
    [InlineData("videoUrl: null")]
    [InlineData("and: [{ or: [{ year: { eq: null } }] }]")]
    [InlineData("name: { or: [{ eq: null }] }")]
    public async Task Null_for_an_operation_that_needs_a_value_is_HC0026(string filter)
    {
        using var client = api.CreateClient();
        api.Sql.Clear();
        var (response, body) = await client.PostGraphQLAsync($$"""{ products(where: { {{filter}} }, first: 50) { nodes { slug } } }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("HC0026", body.FirstErrorCode());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("errors")[0].GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("products").ValueKind);
        Assert.DoesNotContain(api.Sql.Statements, sql => sql.Contains("FROM products", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "year": { "eq": null } }""")]
    [InlineData("""{ "brand": { "in": ["AutoArt", null] } }""")]
    [InlineData("""{ "images": { "some": { "neq": null } } }""")]
    public async Task Null_sent_in_a_variable_is_HC0026_like_a_literal(string whereJson)
    {
        using var where = JsonDocument.Parse(whereJson);
        using var client = api.CreateClient();
        var (_, body) = await client.PostGraphQLAsync(
            "query($where: ProductFilterInput) { products(where: $where) { nodes { slug } } }",
            new { where = where.RootElement });

        Assert.Equal("HC0026", body.FirstErrorCode());
    }

    [Fact]
    public async Task A_null_and_or_or_constrains_nothing() =>
        Assert.Equal(await _products.AllAsync(), await _products.FromGraphQLAsync("{ and: null, or: null }"));

    private Task<T> ScalarAsync<T>(string sql) => TestSql.ScalarAsync<T>(api.ConnectionString, sql);
}
