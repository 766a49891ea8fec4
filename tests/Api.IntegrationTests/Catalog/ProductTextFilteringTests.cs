using Npgsql;

namespace Diecast.Api.IntegrationTests.Catalog;

/// <summary>
/// Text filters on values that hold LIKE's special characters (%, _ and \), and a product without images: rows the
/// demo catalog lacks, added to this class's own database. Expected rows come from strpos and cardinality, which
/// know nothing of LIKE patterns.
/// </summary>
public sealed class ProductTextFilteringTests(SpecialProductsApiFactory api) : IClassFixture<SpecialProductsApiFactory>
{
    private readonly FilterComparison _products = new(api, "products", "slug", "products");

    [Theory]
    [InlineData("%")]
    [InlineData("0% o")]
    [InlineData("_")]
    [InlineData("l_T")]
    [InlineData("\\")]
    [InlineData("k\\s")]
    public async Task Contains_finds_special_characters_literally(string value)
    {
        var expected = await _products.WhereAsync($"strpos(lower(name), lower('{value.Replace("'", "''", StringComparison.Ordinal)}')) > 0");

        Assert.Single(expected);
        Assert.Equal(expected, await _products.FromGraphQLAsync($$"""{ name: { contains: "{{GraphQLString(value)}}" } }"""));
    }

    [Fact]
    public async Task Ncontains_leaves_out_only_the_literal_matches() =>
        Assert.Equal(
            await _products.WhereAsync("strpos(name, '%') = 0"),
            await _products.FromGraphQLAsync("""{ name: { ncontains: "%" } }"""));

    [Fact]
    public async Task StartsWith_and_endsWith_treat_special_characters_literally()
    {
        Assert.Equal(["percent-special-1-64"], await _products.FromGraphQLAsync("""{ name: { startsWith: "50%" } }"""));
        Assert.Equal(["underscore-special-1-43"], await _products.FromGraphQLAsync("""{ model: { endsWith: "_t" } }"""));
        Assert.Equal(["backslash-special-1-18"], await _products.FromGraphQLAsync("""{ name: { startsWith: "back\\" } }"""));
    }

    [Fact]
    public async Task Images_any_false_finds_the_product_without_images()
    {
        Assert.Equal(await _products.WhereAsync("cardinality(images) = 0"), await _products.FromGraphQLAsync("{ images: { any: false } }"));
        Assert.Equal(["no-images-special-1-64"], await _products.FromGraphQLAsync("{ images: { any: false } }"));
        Assert.Equal(await _products.WhereAsync("cardinality(images) > 0"), await _products.FromGraphQLAsync("{ images: { any: true } }"));
    }

    [Fact]
    public async Task Images_all_holds_for_a_product_without_images() =>
        Assert.Equal(["no-images-special-1-64"], await _products.FromGraphQLAsync("""{ images: { all: { eq: "https://example.com/nothing.jpg" } } }"""));

    private static string GraphQLString(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal);
}

/// <summary>The demo shop plus products whose names hold %, _ and \, and one without images.</summary>
public sealed class SpecialProductsApiFactory : ApiFactory
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO products (slug, name, brand, make, model, year, scale, genre, status, description, price, stock_quantity, images, video_url, is_featured)
            VALUES
              ('percent-special-1-64', '50% Off Special 1:64', 'Test', 'Ford', 'Model T', 1925, '1:64', 'classic', 'available', 'A test product.', 99.00, 1, ARRAY['https://cdn.diecast.in/p/1.jpg'], NULL, false),
              ('underscore-special-1-43', 'Ford Model_T 1:43', 'Test', 'Ford', 'Model_T', 1925, '1:43', 'classic', 'available', 'A test product.', 99.00, 1, ARRAY['https://cdn.diecast.in/u/1.jpg'], NULL, false),
              ('backslash-special-1-18', 'Back\slash Special 1:18', 'Test', 'Ford', 'Model A', 1928, '1:18', 'classic', 'available', 'A test product.', 99.00, 1, ARRAY['https://cdn.diecast.in/b/1.jpg'], NULL, false),
              ('no-images-special-1-64', 'No Images Special 1:64', 'Test', 'Ford', 'Model B', 1932, '1:64', 'classic', 'available', 'A test product.', 99.00, 1, ARRAY[]::text[], NULL, false)
            """,
            connection);
        await command.ExecuteNonQueryAsync();
    }
}
