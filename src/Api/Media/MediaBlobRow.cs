namespace Diecast.Api.Media;

/// <summary>
/// A stored object of <see cref="PostgresMediaStorage"/>: the bytes in a bytea column whose storage is EXTERNAL
/// (uncompressed TOAST), so <c>substring(data …)</c> reads only the chunks a range needs. Written and read with
/// plain SQL by the store; the entity exists so the migration creates the table.
/// </summary>
public sealed class MediaBlobRow
{
    public required string Key { get; set; }

    public required string ContentType { get; set; }

    /// <summary>In bytes.</summary>
    public long Length { get; set; }

    public required byte[] Data { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }
}
