using Microsoft.Extensions.Options;

namespace Diecast.Api.Media;

/// <summary>
/// Deletes files orphaned for longer than Media__OrphanGraceDays (default 7), with their variants' bytes and rows,
/// every Media__OrphanCleanupIntervalSeconds on the injected clock. The grace is the life of whatever still names the
/// old URL (a cached page, a GraphQL response, an open tab), not the image's max-age: a browser that cached the bytes
/// for a year never asks again. Safe with any number of instances: each batch locks its rows with FOR UPDATE SKIP
/// LOCKED, and an upload of the same bytes (which un-orphans the row under its lock) takes it out of the WHERE.
/// </summary>
public sealed class MediaOrphanCleanup(
    IDbContextFactory<DiecastDbContext> databases, IMediaStorage storage, TimeProvider time, IOptions<MediaOptions> options, ILogger<MediaOrphanCleanup> logger)
    : BackgroundService
{
    /// <summary>Files per transaction.</summary>
    public const int BatchSize = 50;

    /// <summary>Deletes every file whose grace has run out now; returns how many this call deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var deleted = await DeleteBatchAsync(cancellationToken);
            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.OrphanCleanupEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.OrphanCleanupIntervalSeconds), time);
        do
        {
            try
            {
                var deleted = await RunOnceAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} orphaned media files past their grace", deleted);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Deleting orphaned media failed; trying again in {Seconds} s", options.Value.OrphanCleanupIntervalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> DeleteBatchAsync(CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var cutoff = time.GetDatabaseUtcNow().AddDays(-options.Value.OrphanGraceDays);
        // The references are checked again: a row is marked only when nothing refers to it, and the keys would refuse
        // the delete anyway, but a skipped file is better than a failed batch.
        var files = await db.Database.SqlQuery<OrphanRow>($"""
            SELECT f.id, f.storage_key FROM media_files f
            WHERE f.orphaned_at <= {cutoff}
              AND NOT EXISTS (SELECT 1 FROM product_images i WHERE i.media_file_id = f.id)
              AND NOT EXISTS (SELECT 1 FROM products p WHERE p.video_media_file_id = f.id)
            ORDER BY f.orphaned_at, f.id
            LIMIT {BatchSize}
            FOR UPDATE OF f SKIP LOCKED
            """).ToListAsync(ct);
        if (files.Count == 0)
        {
            return 0;
        }

        var ids = files.Select(f => f.Id).ToArray();
        var variantKeys = await db.MediaVariants.Where(v => ids.Contains(v.MediaFileId)).Select(v => v.StorageKey).ToListAsync(ct);
        // Bytes first, rows last: a failure leaves rows whose bytes are partly gone, and the next pass finishes the job.
        foreach (var key in variantKeys.Concat(files.Select(f => f.StorageKey)))
        {
            await storage.DeleteAsync(key, ct);
        }

        await db.Database.ExecuteSqlAsync($"DELETE FROM media_files WHERE id = ANY({ids})", ct);
        await transaction.CommitAsync(ct);
        return files.Count;
    }

    private sealed record OrphanRow(Guid Id, string StorageKey);
}
