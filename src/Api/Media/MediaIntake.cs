using System.Security.Cryptography;
using Diecast.GraphQL.Server.Http;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Media;

/// <summary>
/// Checks and stores uploads: what is stored is what was checked. The format comes from the bytes (magic numbers, then
/// for images a full decode by libvips), never from the file name or the client's content type.
/// </summary>
public sealed class MediaIntake(
    IDbContextFactory<DiecastDbContext> databases, IMediaStorage storage, MediaImaging imaging, TimeProvider time, IOptions<MediaOptions> options)
{
    /// <summary>Bytes read to tell a format: enough for an ISO <c>ftyp</c> box's brands and an EBML header.</summary>
    private const int HeadBytes = 256;

    /// <summary>
    /// Stores an uploaded picture (JPEG, PNG, WebP or AVIF, at most Media__MaxImageBytes and Media__MaxImagePixels)
    /// normalised by <see cref="MediaImaging.Normalize"/>; the same resulting bytes twice give the existing file, no
    /// longer orphaned.
    /// </summary>
    /// <exception cref="MediaRejectedException">EMPTY, TOO_LARGE, FORMAT_UNSUPPORTED, UNDECODABLE, TOO_MANY_PIXELS.</exception>
    public async Task<MediaFile> IngestImageAsync(IFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        CheckLength(file.Length, options.Value.MaxImageBytes, "image");
        await using var stream = file.OpenReadStream();
        return await IngestImageAsync(stream, file.Name, ct);
    }

    /// <summary>The same from a stream (demo data); <paramref name="name"/> only names the file in messages.</summary>
    public async Task<MediaFile> IngestImageAsync(Stream bytes, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var content = await ReadBoundedAsync(bytes, options.Value.MaxImageBytes, ct);
        CheckLength(content.Length, options.Value.MaxImageBytes, "image");
        var detected = MediaFormats.DetectImage(content.AsSpan(0, Math.Min(content.Length, HeadBytes)), out var refusal)
            ?? throw new MediaRejectedException(
                MediaRejectedException.FormatUnsupported,
                $"The file is {refusal}: only JPEG, PNG, WebP and AVIF images are accepted (decided from the bytes, not the name {Quote(name)}).");

        byte[] stored;
        int width, height;
        using (var slot = await imaging.EnterAsync(ct) ?? throw new MediaBusyException(imaging.RetryAfter))
        {
            (stored, width, height) = await Task.Run(() => MediaImaging.Normalize(content, detected.Format, options.Value.MaxImagePixels), ct);
        }

        return await StoreAsync(MediaKind.Image, detected.Format, detected.ContentType, width, height, new MemoryStream(stored, writable: false), ct);
    }

    /// <summary>Stores an uploaded video: MP4 (an ISO <c>ftyp</c> box) or WebM (EBML, DocType webm), at most Media__MaxVideoBytes.</summary>
    /// <exception cref="MediaRejectedException">EMPTY, TOO_LARGE, FORMAT_UNSUPPORTED.</exception>
    public async Task<MediaFile> IngestVideoAsync(IFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        CheckLength(file.Length, options.Value.MaxVideoBytes, "video");
        var head = new byte[HeadBytes];
        int read;
        await using (var stream = file.OpenReadStream())
        {
            read = await stream.ReadAtLeastAsync(head, HeadBytes, throwOnEndOfStream: false, ct);
        }

        var detected = MediaFormats.DetectVideo(head.AsSpan(0, read), out var refusal)
            ?? throw new MediaRejectedException(
                MediaRejectedException.FormatUnsupported,
                $"The file is {refusal}: only MP4 and WebM videos are accepted (decided from the bytes, not the name {Quote(file.Name)}).");
        // REVIEW: a video is checked by its container signature only (as the issue asks); it is served to browsers as
        // bytes, never decoded by the API, so a malformed stream harms no one but its viewer's player.
        await using var content = file.OpenReadStream();
        return await StoreAsync(MediaKind.Video, detected.Format, detected.ContentType, null, null, content, ct);
    }

    /// <summary>
    /// Inserts the file, or un-orphans the one with the same SHA-256, then puts the bytes (a content-addressed key), all
    /// in one transaction: the row's lock keeps the cleanup job (which locks with SKIP LOCKED) away until the bytes are in.
    /// </summary>
    private async Task<MediaFile> StoreAsync(MediaKind kind, string format, string contentType, int? width, int? height, Stream content, CancellationToken ct)
    {
        var (sha256, length) = await HashAsync(content, ct);
        content.Position = 0;
        var key = "originals/" + sha256;
        await using var db = await databases.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetDatabaseUtcNow();
        var id = await db.Database.SqlQuery<Guid>($"""
            INSERT INTO media_files (id, kind, format, content_type, byte_length, width, height, sha256, storage_key, created_at)
            VALUES ({Guid.CreateVersion7()}, {kind.ToString()}, {format}, {contentType}, {length}, {width}, {height}, {sha256}, {key}, {now})
            ON CONFLICT (sha256) DO UPDATE SET orphaned_at = NULL
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        // Put even when the row existed: the cleanup job may have deleted an orphan's bytes and then lost the race.
        await storage.PutAsync(key, content, contentType, ct);
        await transaction.CommitAsync(ct);
        return await db.MediaFiles.SingleAsync(f => f.Id == id[0], ct);
    }

    private static async Task<(string Sha256, long Length)> HashAsync(Stream content, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }

    private static void CheckLength(long length, long max, string what)
    {
        if (length == 0)
        {
            throw new MediaRejectedException(MediaRejectedException.Empty, $"The {what} file is empty.");
        }

        if (length > max)
        {
            throw new MediaRejectedException(MediaRejectedException.TooLarge, $"The {what} is {length:N0} bytes; at most {max:N0} bytes are accepted.");
        }
    }

    /// <summary>Reads at most <paramref name="max"/> + 1 bytes, so an over-long stream is refused without being read whole.</summary>
    private static async Task<byte[]> ReadBoundedAsync(Stream stream, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                throw new MediaRejectedException(MediaRejectedException.TooLarge, $"The image is over {max:N0} bytes, the most accepted.");
            }
        }

        return buffer.ToArray();
    }

    private static string Quote(string name) => "\"" + (name.Length > 80 ? name[..80] + "…" : name) + "\"";
}

/// <summary>Every encode slot of this instance stayed busy for the queue timeout: answer 503 with Retry-After.</summary>
public sealed class MediaBusyException(TimeSpan retryAfter) : Exception("Too many images are being processed; try again shortly.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
