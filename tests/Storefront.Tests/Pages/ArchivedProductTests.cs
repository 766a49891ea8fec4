using System.Net;
using Diecast.Api.IntegrationTests.Infrastructure;
using Diecast.Storefront.Tests.Infrastructure;
using Npgsql;

namespace Diecast.Storefront.Tests.Pages;

/// <summary>
/// An archived product leaves the shop: its page is a 404 and the sitemap no longer lists it. On a database of its own
/// (a copy of the seeded template), so archiving touches no other test's data.
/// </summary>
public sealed class ArchivedProductTests
{
    private const string Slug = "kyosho-toyota-2000gt-1-18";

    [Fact]
    public async Task An_archived_product_is_a_404_and_leaves_the_sitemap()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using var api = new InProcessApi(connectionString);
        await using var storefront = ShopFixture.CreateStorefront(api);
        Assert.Equal(HttpStatusCode.OK, (await ShopFixture.GetPageAsync(storefront, "/cars/" + Slug)).Status);

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var archive = new NpgsqlCommand("UPDATE products SET archived_at = now() WHERE slug = @slug", connection);
            archive.Parameters.AddWithValue("slug", Slug);
            Assert.Equal(1, await archive.ExecuteNonQueryAsync());
        }

        // A fresh storefront instance: whatever an instance may cache, this one has seen nothing.
        await using var fresh = ShopFixture.CreateStorefront(api);
        var page = await ShopFixture.GetPageAsync(fresh, "/cars/" + Slug);
        using var client = fresh.CreateClient();
        var sitemap = await client.GetStringAsync("/sitemap.xml");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("/cars/" + Slug + "<", sitemap, StringComparison.Ordinal);
        Assert.Contains("/cars/autoart-pagani-zonda-r-1-18<", sitemap, StringComparison.Ordinal);
    }
}
