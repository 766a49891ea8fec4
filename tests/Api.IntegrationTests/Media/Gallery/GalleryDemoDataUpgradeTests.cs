using Diecast.Api.Data.Seed;

namespace Diecast.Api.IntegrationTests.Media.Gallery;

/// <summary>A demo shop seeded before pictures existed gets them on its next seed, and only then.</summary>
public sealed class GalleryDemoDataUpgradeTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_shop_without_pictures_gets_them_on_the_next_seed_and_a_shop_with_them_is_left_alone()
    {
        await TestSql.ExecuteAsync(api.ConnectionString, "DELETE FROM product_images; UPDATE journal_entries SET cover_image = 'https://cdn.diecast.in/journal/old/cover.jpg';");
        var seeder = api.Services.GetRequiredService<DemoDataSeeder>();

        var seeded = await seeder.SeedAsync();
        var pictures = await TestSql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM product_images");
        var covers = await TestSql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM journal_entries WHERE cover_image LIKE '/media/images/%'");
        await seeder.SeedAsync();

        Assert.False(seeded); // the shop was there; only the pictures were added
        Assert.Equal(76, pictures);
        Assert.Equal(await TestSql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM journal_entries"), covers);
        Assert.Equal(pictures, await TestSql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM product_images"));
    }
}
