namespace Diecast.Api.Media;

/// <summary>
/// A resized, re-encoded copy of an image, made once on its first request and kept in <see cref="IMediaStorage"/>:
/// its primary key (file, width, quality, format) decides which of two concurrent encoders stores it.
/// </summary>
public sealed class MediaVariant
{
    public Guid MediaFileId { get; set; }

    /// <summary>The encoded width in pixels: the requested width, or the original's when that is smaller (never upscaled).</summary>
    public int Width { get; set; }

    /// <summary>The encoder quality, one of <see cref="MediaOptions.Qualities"/>.</summary>
    public int Quality { get; set; }

    /// <summary>"avif", "webp" or "jpeg".</summary>
    public required string Format { get; set; }

    /// <summary>In bytes.</summary>
    public long ByteLength { get; set; }

    public required string StorageKey { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }
}
