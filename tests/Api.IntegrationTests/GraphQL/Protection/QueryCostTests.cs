using System.Collections.Concurrent;
using GraphQL.Validation.Complexity;
using Xunit.Abstractions;

namespace Diecast.Api.IntegrationTests.GraphQL.Protection;

/// <summary>
/// The complexity score weighs what a query costs in the database, not just its fields: a count, a full-text search
/// and each pattern match read the whole filtered set, so documents made of them are expensive (rate limited) or over
/// the limit, while storefront pages stay cheap (TrustedDocumentsTests runs those against the threshold).
/// </summary>
public sealed class QueryCostTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private const int Threshold = 2_000;

    public static TheoryData<string, string, double, double> Documents() => new()
    {
        // name, document, lowest and highest score expected (the defaults: ExpensiveQueryComplexity 2,000, MaxComplexity 25,000)
        // The storefront's two documents (src/Api/trusted-documents.json), well under the threshold.
        { "storefront ProductBySlug", "query ProductBySlug($slug: String! = \"x\") { __typename productBySlug(slug: $slug) { __typename id slug name brand scale price inStock description images } }", 1, Threshold / 2 },
        { "storefront FeaturedProducts", "query FeaturedProducts { __typename featuredProducts { __typename id slug name brand scale price images } }", 1, Threshold / 2 },
        { "a storefront-like page", "{ products(first: 20, order: [{ price: ASC }]) { nodes { id name brand price } pageInfo { hasNextPage endCursor } } }", 50, 200 },
        { "a page filtered by indexed fields", "{ products(first: 20, where: { genre: { eq: SUPERCAR }, price: { lte: 5000 } }) { nodes { id name } } }", 20, 100 },
        { "one count", "{ products(first: 1) { totalCount nodes { id } } }", 600, 700 },
        { "one search", "{ products(first: 1, search: \"ferrari\") { nodes { id } } }", 600, 700 },
        { "one pattern match", "{ products(first: 1, where: { name: { contains: \"a\" } }) { nodes { id } } }", 600, 700 },
        { "a search with its count", "{ products(first: 1, search: \"ferrari\") { totalCount nodes { id } } }", 1_200, Threshold - 1 },
        { "product facets", "{ productFacets { count brands { value count } genres { value count } } }", 600, 700 },
        { "a catalog page searched, with its facets", "{ products(first: 24, search: \"ferrari\", where: { price: { lte: 5000 } }, availability: [IN_STOCK]) { nodes { id name brand price inStock } pageInfo { hasNextPage endCursor } } productFacets(search: \"ferrari\", where: { price: { lte: 5000 } }, selected: { availability: [IN_STOCK] }) { count brands { value count } genres { value count } scales { value count } availability { value count } } }", 1_200, Threshold - 1 },
        { "three counted searches", "{ a: products(first: 1, search: \"a\") { totalCount } b: products(first: 1, search: \"b\") { totalCount } c: products(first: 1, search: \"c\") { totalCount } }", Threshold, 25_000 },
        { "three counted pattern matches", "{ a: products(first: 1, where: { name: { contains: \"a\" } }) { totalCount } b: products(first: 1, where: { brand: { endsWith: \"a\" } }) { totalCount } c: products(first: 1, where: { make: { startsWith: \"a\" } }) { totalCount } }", Threshold, 25_000 },
        { "pattern matches in an or", "{ products(first: 1, where: { or: [{ name: { contains: \"a\" } }, { brand: { contains: \"a\" } }, { model: { ncontains: \"a\" } }, { make: { nendsWith: \"a\" } }] }) { nodes { id } } }", Threshold, 25_000 },
        { "pattern matches in variables", "query($w: ProductFilterInput) { products(first: 1, where: $w) { nodes { id } } }", Threshold, 25_000 },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Counting_searching_and_pattern_matching_weigh_in_the_complexity(string name, string document, double lowest, double highest)
    {
        var scores = new ConcurrentQueue<double>();
        await using var recording = Recording(scores);
        using var client = recording.CreateClientAs("cost-" + name.Replace(' ', '-'));
        object? variables = document.Contains("$w", StringComparison.Ordinal)
            ? new { w = new { or = new object[] { new { name = new { contains = "a" } }, new { name = new { startsWith = "b" } }, new { brand = new { endsWith = "c" } }, new { name = new { contains = "d" } } } } }
            : null;

        await client.PostGraphQLAsync(document, variables);

        var score = Assert.Single(scores);
        output.WriteLine($"{name}: {score}");
        Assert.InRange(score, lowest, highest);
    }

    /// <summary>
    /// Every visitor's request reaches the API from the storefront's address, so a storefront document that scored as
    /// expensive would put the whole shop under one client's expensive-query limit (30 a minute).
    /// </summary>
    [Theory]
    [InlineData("CatalogPage", """{ "first": 24, "search": "ferrari 250 gto", "where": { "brand": { "in": ["AutoArt", "Kyosho"] }, "genre": { "in": ["RACING", "CLASSIC"] }, "scale": { "in": ["1:18", "1:43"] }, "price": { "gte": 500, "lte": 40000 } }, "availability": ["IN_STOCK", "PRE_ORDER"], "priceWhere": { "price": { "gte": 500, "lte": 40000 } }, "selected": { "brands": ["AutoArt", "Kyosho"], "genres": ["RACING", "CLASSIC"], "scales": ["1:18", "1:43"], "availability": ["IN_STOCK", "PRE_ORDER"] } }""")]
    [InlineData("CatalogPage", """{ "last": 24, "before": null, "order": [{ "price": "DESC" }] }""")]
    [InlineData("HomePage", "{}")]
    [InlineData("JournalPage", """{ "first": 12, "where": { "tags": { "some": { "eq": "rally" } } } }""")]
    [InlineData("JournalEntryBySlug", """{ "slug": "maruti-gypsy-rally-legend" }""")]
    public async Task The_storefronts_page_documents_score_under_the_expensive_threshold(string operation, string variables)
    {
        var trusted = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryPaths.Combine("src", "Api", "trusted-documents.json"))).RootElement;
        var document = trusted.EnumerateObject().Select(d => d.Value.GetString()!).Single(d => d.StartsWith($"query {operation}(", StringComparison.Ordinal) || d.StartsWith($"query {operation} ", StringComparison.Ordinal));
        var scores = new ConcurrentQueue<double>();
        await using var recording = Recording(scores);
        using var client = recording.CreateClientAs("cost-storefront-" + operation);

        var (response, body) = await client.PostGraphQLAsync(document, JsonDocument.Parse(variables).RootElement);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        var score = Assert.Single(scores);
        output.WriteLine($"{operation}: {score}");
        Assert.InRange(score, 1, Threshold - 1);
    }

    [Fact]
    public async Task Three_counted_searches_from_an_anonymous_client_are_rate_limited_as_expensive()
    {
        await using var limited = api.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:RateLimit:ExpensiveQueriesPerWindow", "2"));
        using var anonymous = limited.CreateClient();
        const string Document = "{ a: products(first: 1, search: \"a\") { totalCount } b: products(first: 1, search: \"b\") { totalCount } c: products(first: 1, search: \"c\") { totalCount } }";
        for (var i = 0; i < 2; i++)
        {
            await anonymous.QueryDataAsync(Document);
        }

        api.Sql.Clear();
        var (response, body) = await anonymous.PostGraphQLAsync(Document);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("RATE_LIMITED", body.FirstErrorCode());
        Assert.Empty(api.Sql.Statements);
    }

    [Fact]
    public async Task Dozens_of_pattern_matches_in_one_document_are_over_the_complexity_limit()
    {
        var terms = string.Join(", ", Enumerable.Range(0, 50).Select(i => $"{{ name: {{ contains: \"x{i}\" }} }}"));
        using var client = api.CreateClient();

        var (response, body) = await client.PostGraphQLAsync($"{{ products(first: 1, where: {{ or: [{terms}] }}) {{ nodes {{ id }} }} }}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("COMPLEXITY", body.FirstErrorCode());
    }

    /// <summary>The API with every score GraphQL.NET's analyzer computes recorded, the rate limiter still behind it.</summary>
    private WebApplicationFactory<Program> Recording(ConcurrentQueue<double> scores) =>
        api.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.PostConfigure<ComplexityOptions>(options =>
        {
            var limiter = options.ValidateComplexityDelegate;
            options.ValidateComplexityDelegate = async context =>
            {
                scores.Enqueue(context.TotalImpact);
                if (limiter is not null)
                {
                    await limiter(context);
                }
            };
        })));
}
