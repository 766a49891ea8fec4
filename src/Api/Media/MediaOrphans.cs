namespace Diecast.Api.Media;

/// <summary>
/// Marks files nothing refers to any more as orphaned (OrphanedAt = now); callers run it after removing or replacing
/// an image or a video, in their transaction. A marked file keeps being served for Media__OrphanGraceDays, then
/// <see cref="MediaOrphanCleanup"/> deletes it and its variants.
/// </summary>
public sealed class MediaOrphans(TimeProvider time)
{
    /// <summary>Marks each of <paramref name="mediaFileIds"/> that no product image and no product video refers to (one statement).</summary>
    public async Task MarkIfUnreferencedAsync(DiecastDbContext db, IEnumerable<Guid> mediaFileIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = mediaFileIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        var now = time.GetDatabaseUtcNow();
        // Products are read without the archived filter: an archived product's video still counts as a reference.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE media_files f SET orphaned_at = {now}
            WHERE f.id = ANY({ids}) AND f.orphaned_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM product_images i WHERE i.media_file_id = f.id)
              AND NOT EXISTS (SELECT 1 FROM products p WHERE p.video_media_file_id = f.id)
            """, ct);
    }
}
