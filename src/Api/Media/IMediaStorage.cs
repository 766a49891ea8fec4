namespace Diecast.Api.Media;

/// <summary>
/// Where media bytes live: originals under "originals/{sha256}", variants under "variants/…". Keys are content
/// addresses, so a put is idempotent and never changes what an existing key holds. A singleton, shared by requests.
/// </summary>
public interface IMediaStorage
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>; putting the same key again is harmless.</summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken ct);

    /// <summary>
    /// Opens the object, or the bytes <paramref name="from"/>..<paramref name="to"/> (inclusive offsets, as in an HTTP
    /// range; either may be null: from the start, to the end). Null when absent. The caller checks the range against
    /// <see cref="MediaBlob.TotalLength"/> first (a HEAD-like <see cref="GetLengthAsync"/>), so the range is satisfiable.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "The shared contract's names (model13.md); HTTP ranges say from and to.")]
    Task<MediaBlob?> OpenAsync(string key, long? from, long? to, CancellationToken ct);

    /// <summary>The object's length in bytes, or null when absent.</summary>
    Task<long?> GetLengthAsync(string key, CancellationToken ct);

    /// <summary>Deletes the object; an absent one is fine.</summary>
    Task DeleteAsync(string key, CancellationToken ct);
}

/// <summary>An opened object (or part of one): dispose it to release the connection behind <see cref="Content"/>.</summary>
public sealed class MediaBlob(Stream content, string contentType, long totalLength, long from, long length) : IAsyncDisposable
{
    /// <summary>The requested bytes, read lazily where the store allows it (a video is never held whole in memory).</summary>
    public Stream Content { get; } = content;

    public string ContentType { get; } = contentType;

    /// <summary>The whole object's length, in bytes.</summary>
    public long TotalLength { get; } = totalLength;

    /// <summary>The offset of <see cref="Content"/>'s first byte.</summary>
    public long From { get; } = from;

    /// <summary>How many bytes <see cref="Content"/> holds.</summary>
    public long Length { get; } = length;

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    /// <summary>Reads the whole content into one array (for originals and variants, never for videos).</summary>
    public async Task<byte[]> ReadAllBytesAsync(CancellationToken ct)
    {
        var bytes = new byte[Length];
        await Content.ReadExactlyAsync(bytes, ct);
        return bytes;
    }
}
