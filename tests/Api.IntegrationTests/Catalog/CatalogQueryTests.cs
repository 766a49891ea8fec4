using Diecast.Api.Catalog;
using Diecast.GraphQL.Server.Relay;
using Snapshooter.Xunit;

namespace Diecast.Api.IntegrationTests.Catalog;

public sealed class CatalogQueryTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // images is left out: the demo picture's URL carries its file's id, new at every seed (Media/Gallery tests read it).
    private const string ProductFields = "id slug name brand make model year scale genre status price stockQuantity inStock videoUrl isFeatured";

    [Fact]
    public async Task A_product_is_found_by_its_slug()
    {
        // As staff, who also see the stock figure.
        using var client = api.CreateAdminClient();
        var data = await client.QueryDataAsync(
            $$"""query($slug: String!) { productBySlug(slug: $slug) { {{ProductFields}} } }""",
            new { slug = "autoart-pagani-zonda-r-1-18" });

        Snapshot.Match(data.ToString());
    }

    [Fact]
    public async Task Prices_are_exact_decimals_in_rupees()
    {
        using var client = api.CreateClient();
        var data = await client.QueryDataAsync("""{ productBySlug(slug: "autoart-pagani-zonda-r-1-18") { price } }""");
        var price = data.GetProperty("productBySlug").GetProperty("price");

        Assert.Equal(JsonValueKind.Number, price.ValueKind);
        Assert.Equal(27999.00m, price.GetDecimal());
        Assert.Equal("27999.00", price.GetRawText());
    }

    [Fact]
    public async Task The_same_product_is_reached_by_id_by_node_and_by_nodes()
    {
        using var client = api.CreateClient();
        var bySlug = await client.QueryDataAsync("""{ productBySlug(slug: "autoart-pagani-zonda-r-1-18") { id name } }""");
        var id = bySlug.GetProperty("productBySlug").GetProperty("id").GetString();

        var data = await client.QueryDataAsync(
            """query($id: ID!) { product(id: $id) { name } node(id: $id) { __typename id ... on Product { name } } nodes(ids: [$id]) { id } }""",
            new { id });

        Assert.True(NodeId.TryDecodeInt(id, "Product", out _));
        Assert.Equal("Pagani Zonda R (2009) 1:18", data.GetProperty("product").GetProperty("name").GetString());
        Assert.Equal("Product", data.GetProperty("node").GetProperty("__typename").GetString());
        Assert.Equal(id, data.GetProperty("node").GetProperty("id").GetString());
        Assert.Equal(id, data.GetProperty("nodes")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Unknown_slugs_and_ids_give_null()
    {
        using var client = api.CreateClient();
        var data = await client.QueryDataAsync(
            """query($id: ID!) { productBySlug(slug: "no-such-model") { id } product(id: $id) { id } node(id: $id) { id } }""",
            new { id = NodeId.Encode("Product", 999_999) });

        Assert.Equal(JsonValueKind.Null, data.GetProperty("productBySlug").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("product").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("node").ValueKind);
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("Rm9vOjMy")] // Foo:32, a type this API does not have
    public async Task A_malformed_or_foreign_product_id_is_a_field_error(string id)
    {
        using var client = api.CreateClient();
        var (response, body) = await client.PostGraphQLAsync("query($id: ID!) { product(id: $id) { id } }", new { id });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("INVALID_NODE_ID", body.FirstErrorCode());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("product").ValueKind);
    }

    [Fact]
    public async Task Asking_for_more_than_50_nodes_at_once_is_refused()
    {
        using var client = api.CreateClient();
        var ids = Enumerable.Range(1, 51).Select(i => NodeId.Encode("Product", i)).ToArray();
        var (_, body) = await client.PostGraphQLAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        Assert.Equal("HC0076", body.FirstErrorCode());
    }

    [Fact]
    public async Task Featured_products_are_the_featured_ones_newest_first()
    {
        var expected = await TestSql.StringsAsync(api.ConnectionString, $"SELECT slug FROM products WHERE is_featured AND archived_at IS NULL ORDER BY id DESC LIMIT {CatalogQueries.MaxFeaturedProducts}");
        using var client = api.CreateClient();
        var data = await client.QueryDataAsync("{ featuredProducts { slug isFeatured genre } }");
        var featured = data.GetProperty("featuredProducts").EnumerateArray().ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, featured.Select(p => p.GetProperty("slug").GetString()));
        Assert.All(featured, p => Assert.True(p.GetProperty("isFeatured").GetBoolean()));
    }
}
