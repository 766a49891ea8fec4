namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>
/// A document that validated once is served from the cache after that; the checks that depend on the request
/// (variable values, complexity weighed with them) must still run every time.
/// </summary>
public sealed class ValidatedDocumentCacheTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string ProductsQuery = "query($first: Int) { products(first: $first, order: [{ name: ASC }]) { nodes { id name brand } } }";

    [Fact]
    public async Task A_cached_document_still_checks_its_variables()
    {
        using var client = api.CreateClient();
        var first = await client.QueryDataAsync(ProductsQuery, new { first = 2 });
        Assert.Equal(2, first.GetProperty("products").GetProperty("nodes").GetArrayLength());

        var (response, body) = await client.PostGraphQLAsync(ProductsQuery, new { first = "two" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_VALUE", body.FirstErrorCode());
    }

    [Fact]
    public async Task A_cached_document_is_weighed_again_with_each_requests_variables()
    {
        // About three points per product node: a small page fits, a full page does not.
        await using var limited = api.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:MaxComplexity", "100"));
        using var client = limited.CreateClient();
        var small = await client.QueryDataAsync(ProductsQuery, new { first = 3 });
        Assert.Equal(3, small.GetProperty("products").GetProperty("nodes").GetArrayLength());

        var (response, body) = await client.PostGraphQLAsync(ProductsQuery, new { first = 50 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("complexity", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task A_document_that_failed_validation_fails_again()
    {
        const string Invalid = "{ products { nodes { id nope } } }";
        using var client = api.CreateClient();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (response, body) = await client.PostGraphQLAsync(Invalid);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("FIELDS_ON_CORRECT_TYPE", body.FirstErrorCode());
        }
    }
}
