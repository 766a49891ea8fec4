using Npgsql;
using NpgsqlTypes;

namespace Diecast.Api.Media;

/// <summary>
/// The default store: objects in the <c>media_blobs</c> table, so every API instance sees the same files with no
/// server beyond the database. The bytes are a bytea column with STORAGE EXTERNAL (uncompressed TOAST: pictures and
/// videos are compressed already), so <c>substring(data from … for …)</c> fetches only the TOAST chunks it covers:
/// a video range, or the next chunk of a stream, never loads the whole value. Objects are read in chunks of
/// <see cref="ChunkBytes"/>, each a short query of its own, so a slow client holds no connection between reads.
/// </summary>
public sealed class PostgresMediaStorage(DatabaseConnection database) : IMediaStorage
{
    /// <summary>The bytes one query returns: an object this size or smaller (every variant we make) is one round trip.</summary>
    public const int ChunkBytes = 1024 * 1024;

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO media_blobs (key, content_type, length, data, created_at)
            VALUES ($1, $2, octet_length($3), $3, now())
            ON CONFLICT (key) DO NOTHING
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = contentType });
        // A seekable stream is sent as it is read; any other is buffered first (Npgsql needs the length up front).
        var data = content.CanSeek ? content : await BufferAsync(content, ct);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = data, Size = (int)(data.Length - data.Position) });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<MediaBlob?> OpenAsync(string key, long? from, long? to, CancellationToken ct)
    {
        var first = await ReadChunkAsync(key, from ?? 0, ChunkBytes, ct);
        if (first is null)
        {
            return null;
        }

        var (contentType, total, bytes) = first.Value;
        var start = from ?? 0;
        var end = Math.Min(to ?? total - 1, total - 1);
        var length = Math.Max(0, end - start + 1);
        if (length <= bytes.Length)
        {
            return new MediaBlob(new MemoryStream(bytes, 0, (int)length, writable: false), contentType, total, start, length);
        }

        return new MediaBlob(new ChunkStream(this, key, bytes, start + bytes.Length, end), contentType, total, start, length);
    }

    public async Task<long?> GetLengthAsync(string key, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT length FROM media_blobs WHERE key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync(ct) is long length ? length : null;
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("DELETE FROM media_blobs WHERE key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<(string ContentType, long Total, byte[] Bytes)?> ReadChunkAsync(string key, long offset, int count, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        // substring counts from 1.
        await using var command = new NpgsqlCommand(
            "SELECT content_type, length, substring(data from $2 for $3) FROM media_blobs WHERE key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)(offset + 1) });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return (reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        // The same connection string as the DbContexts', so the same Npgsql pool.
        var connection = new NpgsqlConnection(DataRegistration.WithPoolingSettings(await database.GetConnectionStringAsync(ct)));
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task<MemoryStream> BufferAsync(Stream content, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>A read-only stream over bytes next..end (inclusive) of an object, one query per chunk.</summary>
    private sealed class ChunkStream(PostgresMediaStorage storage, string key, byte[] firstChunk, long next, long end) : Stream
    {
        private byte[] _chunk = firstChunk;
        private int _position;
        private long _next = next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position == _chunk.Length)
            {
                if (_next > end)
                {
                    return 0;
                }

                var count = (int)Math.Min(ChunkBytes, end - _next + 1);
                var chunk = await storage.ReadChunkAsync(key, _next, count, cancellationToken)
                    ?? throw new IOException($"The media object {key} was deleted while it was being read.");
                if (chunk.Bytes.Length == 0)
                {
                    throw new IOException($"The media object {key} is shorter than its recorded length.");
                }

                _chunk = chunk.Bytes;
                _position = 0;
                _next += _chunk.Length;
            }

            var n = Math.Min(buffer.Length, _chunk.Length - _position);
            _chunk.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
