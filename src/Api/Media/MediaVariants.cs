using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Diecast.Api.Media;

/// <summary>A variant's bytes and identity, immutable: what the image endpoint sends.</summary>
public sealed record VariantBytes(byte[] Bytes, string ETag, string ContentType, int Width);

/// <summary>
/// Finds or makes an image's variants. A variant is encoded once, ever: concurrent requests in one instance share one
/// encode (single flight), two instances serialise on a transaction-scoped advisory lock on the variant's key and the
/// second finds the first's row (the media_variants primary key is the record), and every later request reads the
/// stored bytes. Each instance keeps up to Media__MemoryCacheBytes of variant bytes in memory: REVIEW: per-process state,
/// allowed because a variant never changes (its key is content-addressed) and another instance loses nothing without it.
/// </summary>
public sealed class MediaVariants : IDisposable
{
    private readonly IDbContextFactory<DiecastDbContext> _databases;
    private readonly IMediaStorage _storage;
    private readonly MediaImaging _imaging;
    private readonly TimeProvider _time;
    private readonly MemoryCache? _memory;
    private readonly ConcurrentDictionary<string, Lazy<Task<VariantBytes>>> _inFlight = new();
    private long _encodes;

    public MediaVariants(IDbContextFactory<DiecastDbContext> databases, IMediaStorage storage, MediaImaging imaging, TimeProvider time, IOptions<MediaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _databases = databases;
        _storage = storage;
        _imaging = imaging;
        _time = time;
        if (options.Value.MemoryCacheBytes > 0)
        {
            _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.MemoryCacheBytes });
        }
    }

    /// <summary>How many encodes this instance has run (tests prove a second request, or another instance's, runs none).</summary>
    public long EncodeCount => Interlocked.Read(ref _encodes);

    /// <summary>The in-memory copy for a request's identity, if this instance has one.</summary>
    public VariantBytes? FromMemory(string requestKey) => _memory?.Get<VariantBytes>(requestKey);

    /// <summary>The strong ETag of a variant: a hash of its identity (the original's SHA-256, the encoded width, quality and format).</summary>
    public static string ETagOf(string sha256, int width, int quality, string format)
    {
        var identity = string.Create(CultureInfo.InvariantCulture, $"{sha256}:{width}:{quality}:{format}");
        return "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32] + "\"";
    }

    /// <summary>
    /// The variant of <paramref name="file"/> at <paramref name="width"/> (at most the original's), made if it does not
    /// exist. Throws <see cref="MediaBusyException"/> when no encode slot (or the other instance's lock) came free in time.
    /// </summary>
    public async Task<VariantBytes> GetAsync(MediaFile file, int width, int quality, string format, string requestKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var storageKey = string.Create(CultureInfo.InvariantCulture, $"variants/{file.Sha256}/{width}-q{quality}.{format}");
        var flight = _inFlight.GetOrAdd(storageKey, _ => new Lazy<Task<VariantBytes>>(() => FlyAsync(file, width, quality, format, storageKey)));
        var variant = await flight.Value.WaitAsync(ct);
        _memory?.Set(requestKey, variant, new MemoryCacheEntryOptions { Size = variant.Bytes.Length + 200 });
        return variant;
    }

    public void Dispose() => _memory?.Dispose();

    /// <summary>One flight per variant key: it leaves the table when it ends, so a failure (busy) is not remembered.</summary>
    private async Task<VariantBytes> FlyAsync(MediaFile file, int width, int quality, string format, string storageKey)
    {
        await Task.Yield();
        try
        {
            return await LoadOrEncodeAsync(file, width, quality, format, storageKey);
        }
        finally
        {
            _inFlight.TryRemove(storageKey, out _);
        }
    }

    /// <summary>Not cancelled by one caller: other requests may be waiting on the same flight.</summary>
    private async Task<VariantBytes> LoadOrEncodeAsync(MediaFile file, int width, int quality, string format, string storageKey)
    {
        var ct = CancellationToken.None;
        var etag = ETagOf(file.Sha256, width, quality, format);
        var contentType = "image/" + format;
        if (await ReadStoredAsync(file.Id, width, quality, format, ct) is { } stored)
        {
            return new VariantBytes(stored, etag, contentType, width);
        }

        using var slot = await _imaging.EnterAsync(ct) ?? throw new MediaBusyException(_imaging.RetryAfter);
        await using var db = await _databases.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // Another instance encoding the same variant holds this lock; we wait, then read what it stored.
            var lockTimeout = ((int)_imaging.RetryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
            await db.Database.ExecuteSqlAsync($"SELECT set_config('lock_timeout', {lockTimeout}, true)", ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({storageKey}, 0))", ct);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new MediaBusyException(_imaging.RetryAfter);
        }

        if (await ReadStoredAsync(file.Id, width, quality, format, ct) is { } winners)
        {
            return new VariantBytes(winners, etag, contentType, width);
        }

        await using var original = await _storage.OpenAsync(file.StorageKey, null, null, ct)
            ?? throw new InvalidOperationException($"The original of media file {file.Id} ({file.StorageKey}) is missing from storage.");
        var originalBytes = await original.ReadAllBytesAsync(ct);
        Interlocked.Increment(ref _encodes);
        var bytes = await Task.Run(() => MediaImaging.EncodeVariant(originalBytes, width, quality, format), ct);
        await _storage.PutAsync(storageKey, new MemoryStream(bytes, writable: false), contentType, ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO media_variants (media_file_id, width, quality, format, byte_length, storage_key, created_at)
            VALUES ({file.Id}, {width}, {quality}, {format}, {(long)bytes.Length}, {storageKey}, {_time.GetDatabaseUtcNow()})
            ON CONFLICT DO NOTHING
            """, ct);
        await transaction.CommitAsync(ct);
        return new VariantBytes(bytes, etag, contentType, width);
    }

    private async Task<byte[]?> ReadStoredAsync(Guid fileId, int width, int quality, string format, CancellationToken ct)
    {
        await using var db = await _databases.CreateDbContextAsync(ct);
        var key = await db.MediaVariants
            .Where(v => v.MediaFileId == fileId && v.Width == width && v.Quality == quality && v.Format == format)
            .Select(v => v.StorageKey)
            .FirstOrDefaultAsync(ct);
        if (key is null)
        {
            return null;
        }

        await using var blob = await _storage.OpenAsync(key, null, null, ct);
        return blob is null ? null : await blob.ReadAllBytesAsync(ct);
    }
}
