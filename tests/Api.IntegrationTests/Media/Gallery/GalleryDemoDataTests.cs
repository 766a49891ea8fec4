using Diecast.Api.Catalog;
using Diecast.Api.Media.Gallery;

namespace Diecast.Api.IntegrationTests.Media.Gallery;

/// <summary>The demo shop's drawn pictures (seeded into the test template as in ./run.sh), and what reading galleries costs.</summary>
public sealed class GalleryDemoDataTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_demo_product_has_a_drawn_picture_that_the_image_endpoint_serves()
    {
        using var client = api.CreateClient();
        var products = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = (await client.QueryDataAsync(
                "query($after: String) { products(first: 50, after: $after) { nodes { slug gallery { alt width height url(width: 64) } images } pageInfo { hasNextPage endCursor } } }",
                new { after })).GetProperty("products");
            products.AddRange(page.GetProperty("nodes").EnumerateArray());
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);

        Assert.Equal(76, products.Count);
        foreach (var product in products)
        {
            var picture = Assert.Single(product.GetProperty("gallery").EnumerateArray());
            Assert.Equal((1200, 900), (picture.GetProperty("width").GetInt32(), picture.GetProperty("height").GetInt32()));
            Assert.StartsWith("Illustration of the ", picture.GetProperty("alt").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("/media/images/", Assert.Single(product.GetProperty("images").EnumerateArray()).GetString(), StringComparison.Ordinal);
            using var response = await client.GetAsync(picture.GetProperty("url").GetString());
            Assert.True(response.StatusCode == HttpStatusCode.OK, product.GetProperty("slug").GetString());
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Every_journal_entry_has_a_drawn_cover_that_the_image_endpoint_serves()
    {
        using var client = api.CreateClient();
        var entries = (await client.QueryDataAsync("{ journalEntries(first: 50) { nodes { slug coverImage } } }"))
            .GetProperty("journalEntries").GetProperty("nodes").EnumerateArray().ToList();

        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            var cover = entry.GetProperty("coverImage").GetString()!;
            Assert.StartsWith("/media/images/", cover, StringComparison.Ordinal);
            using var response = await client.GetAsync(cover);
            Assert.True(response.StatusCode == HttpStatusCode.OK, entry.GetProperty("slug").GetString());
        }
    }

    [Fact]
    public void The_demo_pictures_are_the_same_drawings_every_time()
    {
        // The same product gives the same JPEG bytes, so a second seed lands on the stored files (content-addressed),
        // and the shop looks the same on every machine with the same fonts.
        var first = DemoIllustrations.RenderProduct("a-slug", "Ferrari F40 (1987) 1:24", "Bburago", "1:24", Genre.Supercar, "Rosso Corsa");
        var second = DemoIllustrations.RenderProduct("a-slug", "Ferrari F40 (1987) 1:24", "Bburago", "1:24", Genre.Supercar, "Rosso Corsa");

        Assert.Equal(first, second);
        Assert.Equal([0xFF, 0xD8], first[..2]);
    }

    [Fact]
    public async Task A_page_of_fifty_products_with_galleries_and_videos_costs_three_statements()
    {
        using var client = api.CreateClient();
        api.Sql.Clear();

        var data = await client.QueryDataAsync("{ products(first: 50) { nodes { name images videoUrl gallery { alt width url srcSet } } } }");

        Assert.Equal(50, data.GetProperty("products").GetProperty("nodes").GetArrayLength());
        Assert.True(api.Sql.Statements.Count <= 3, $"{api.Sql.Statements.Count} statements:\n{string.Join("\n---\n", api.Sql.Statements)}");
    }
}
