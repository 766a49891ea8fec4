namespace Diecast.Api.Media;

/// <summary>What a stored file is: a picture the image endpoint resizes, or a video served with ranges.</summary>
public enum MediaKind
{
    Image,
    Video,
}

/// <summary>
/// One stored original, content-addressed: never changed after insert; orphaned (<see cref="OrphanedAt"/> set) when
/// nothing refers to it any more, deleted by the cleanup job (<see cref="MediaOrphanCleanup"/>) after the grace period.
/// </summary>
public sealed class MediaFile
{
    /// <summary>Made by us (<see cref="Guid.CreateVersion7()"/>), never by the client.</summary>
    public Guid Id { get; set; }

    public MediaKind Kind { get; set; }

    /// <summary>The stored bytes' format, decided from the bytes: "jpeg", "png", "webp", "avif", "mp4" or "webm".</summary>
    public required string Format { get; set; }

    /// <summary>The stored bytes' media type, e.g. "image/webp", "video/mp4".</summary>
    public required string ContentType { get; set; }

    /// <summary>The stored bytes' length, in bytes.</summary>
    public long ByteLength { get; set; }

    /// <summary>Images: width in pixels after orientation was applied; videos: null.</summary>
    public int? Width { get; set; }

    /// <summary>Images: height in pixels after orientation was applied; videos: null.</summary>
    public int? Height { get; set; }

    /// <summary>Lowercase hex SHA-256 of the stored bytes: unique (the same bytes are stored once) and the URL's content address.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The original's key in <see cref="IMediaStorage"/>.</summary>
    public required string StorageKey { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC: when the last row referring to the file went; null while something refers to it.</summary>
    public DateTime? OrphanedAt { get; set; }
}
