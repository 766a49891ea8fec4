using Diecast.Api.Data;
using Diecast.Api.Media;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.IntegrationTests.Media;

/// <summary>A removed picture keeps being served for the grace period, then the cleanup job deletes it, its variants and their bytes.</summary>
public sealed class MediaOrphanTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_orphan_is_served_through_its_grace_and_then_deleted_with_its_variants_while_a_referenced_file_stays()
    {
        var time = TestClock.Create();
        await using var instance = api.WithClock(time).With(("Media:MemoryCacheBytes", "0"), ("Media:OrphanGraceDays", "7"));
        var removed = await instance.IngestAsync(MediaTestFiles.Jpeg(400, 300, shade: 60));
        var kept = await instance.IngestAsync(MediaTestFiles.Jpeg(400, 300, shade: 61));
        var productId = await TestSql.ScalarAsync<int>(api.ConnectionString, "SELECT min(id) FROM products");
        // After the product's demo picture (the template is seeded with one per product).
        await TestSql.ExecuteAsync(api.ConnectionString, $"INSERT INTO product_images (product_id, media_file_id, position, alt) SELECT {productId}, '{kept.Id}', coalesce(max(position) + 1, 0), 'kept' FROM product_images WHERE product_id = {productId}");
        var urls = instance.Services.GetRequiredService<MediaUrls>();
        using var client = instance.CreateClient();
        using (var variant = await client.GetAsync(urls.Image(removed, 256)))
        {
            Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
        }

        var variantKey = await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT storage_key FROM media_variants WHERE media_file_id = '{removed.Id}'");
        var orphans = instance.Services.GetRequiredService<MediaOrphans>();
        await using (var db = await instance.Services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync())
        {
            await orphans.MarkIfUnreferencedAsync(db, [removed.Id, kept.Id], CancellationToken.None);
        }

        Assert.Equal(
            [$"{kept.Id}|", $"{removed.Id}|{time.StoredNow().UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}"],
            await TestSql.StringsAsync(api.ConnectionString, $"SELECT id || '|' || coalesce(to_char(orphaned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), '') FROM media_files WHERE id IN ('{removed.Id}', '{kept.Id}') ORDER BY orphaned_at NULLS FIRST"));
        var cleanup = instance.Services.GetRequiredService<MediaOrphanCleanup>();

        // Within the grace: nothing deleted, and a page that still names the old URL shows the picture.
        time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await cleanup.RunOnceAsync(CancellationToken.None));
        using (var stillServed = await client.GetAsync(urls.Image(removed, 128)))
        {
            Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);
        }

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await cleanup.RunOnceAsync(CancellationToken.None));

        Assert.Equal(0, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM media_files WHERE id = '{removed.Id}'"));
        Assert.Equal(0, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM media_variants WHERE media_file_id = '{removed.Id}'"));
        var storage = instance.Services.GetRequiredService<IMediaStorage>();
        Assert.Null(await storage.GetLengthAsync(removed.StorageKey, CancellationToken.None));
        Assert.Null(await storage.GetLengthAsync(variantKey, CancellationToken.None));
        Assert.NotNull(await storage.GetLengthAsync(kept.StorageKey, CancellationToken.None));
        using var gone = await client.GetAsync(urls.Image(removed, 256));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var keptServed = await client.GetAsync(urls.Image(kept, 256));
        Assert.Equal(HttpStatusCode.OK, keptServed.StatusCode);
    }

    [Fact]
    public async Task Two_cleanup_runners_at_once_delete_each_orphan_once()
    {
        var time = TestClock.Create();
        await using var one = api.WithClock(time);
        await using var secondFactory = new ApiFactory();
        await secondFactory.UseDatabaseAsync(api.ConnectionString);
        await using var two = secondFactory.WithClock(time);
        var ids = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            ids.Add((await one.IngestAsync(MediaTestFiles.Png(16, 16, shade: 100 + i))).Id);
        }

        await TestSql.ExecuteAsync(api.ConnectionString, $"UPDATE media_files SET orphaned_at = '{time.GetUtcNow().UtcDateTime.AddDays(-30):O}' WHERE id IN ({string.Join(", ", ids.Select(id => $"'{id}'"))})");

        var deleted = await Task.WhenAll(
            one.Services.GetRequiredService<MediaOrphanCleanup>().RunOnceAsync(CancellationToken.None),
            two.Services.GetRequiredService<MediaOrphanCleanup>().RunOnceAsync(CancellationToken.None));

        Assert.Equal(60, deleted.Sum());
        Assert.Equal(0, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM media_files WHERE id IN ({string.Join(", ", ids.Select(id => $"'{id}'"))})"));
    }
}
