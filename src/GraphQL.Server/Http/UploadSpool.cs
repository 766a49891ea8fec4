using Microsoft.Win32.SafeHandles;

namespace Diecast.GraphQL.Server.Http;

/// <summary>
/// Where one request's uploaded files are kept while it runs: each file's first bytes in memory, the rest of a larger one
/// in a temporary file. Disposed when the request ends (registered with the response), which closes and so deletes the
/// temporary files; on Linux they are unlinked as soon as they are created, so not even a crash leaves one behind.
/// </summary>
internal sealed class UploadSpool(int memoryBufferBytes) : IAsyncDisposable
{
    private const int ChunkBytes = 64 * 1024;
    private readonly List<SafeFileHandle> _handles = [];
    private bool _disposed;

    /// <summary>Copies <paramref name="content"/> into the spool; more than <paramref name="maxBytes"/> throws <paramref name="tooLarge"/>'s exception.</summary>
    public async Task<IFile> AddAsync(Stream content, string name, string? contentType, long maxBytes, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var memory = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        SafeFileHandle? handle = null;
        long length = 0;
        while (true)
        {
            var read = await content.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                break;
            }

            if (length + read > maxBytes)
            {
                throw tooLarge();
            }

            if (handle is null && length + read <= memoryBufferBytes)
            {
                memory.Write(chunk, 0, read);
            }
            else
            {
                if (handle is null)
                {
                    handle = CreateTemporaryFile();
                    await RandomAccess.WriteAsync(handle, memory.GetBuffer().AsMemory(0, (int)memory.Length), 0, cancellationToken);
                }

                await RandomAccess.WriteAsync(handle, chunk.AsMemory(0, read), length, cancellationToken);
            }

            length += read;
        }

        return handle is null
            ? new MemoryFile(name, contentType, memory.ToArray())
            : new SpooledFile(name, contentType, handle, length);
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var handle in _handles)
        {
            handle.Dispose();
        }

        _handles.Clear();
        return ValueTask.CompletedTask;
    }

    private SafeFileHandle CreateTemporaryFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "graphql-upload-" + Guid.NewGuid().ToString("N"));
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        _handles.Add(handle);
        if (!OperatingSystem.IsWindows())
        {
            // The open handle keeps the data; the name is no longer needed, and without it nothing outlives the process.
            File.Delete(path);
        }

        return handle;
    }

    private sealed class MemoryFile(string name, string? contentType, byte[] bytes) : IFile
    {
        public string Name { get; } = name;

        public string? ContentType { get; } = contentType;

        public long Length => bytes.Length;

        public Stream OpenReadStream() => new MemoryStream(bytes, writable: false);
    }

    private sealed class SpooledFile(string name, string? contentType, SafeFileHandle handle, long length) : IFile
    {
        public string Name { get; } = name;

        public string? ContentType { get; } = contentType;

        public long Length { get; } = length;

        public Stream OpenReadStream() => new HandleReadStream(handle, Length);
    }

    /// <summary>
    /// A read-only view of the spooled file with a position of its own, so that several streams may read one file at once;
    /// disposing it leaves the handle to the spool (a FileStream over the handle would close it).
    /// </summary>
    private sealed class HandleReadStream(SafeFileHandle handle, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = RandomAccess.Read(handle, buffer[..Limit(buffer.Length)], _position);
            _position += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await RandomAccess.ReadAsync(handle, buffer[..Limit(buffer.Length)], _position, cancellationToken);
            _position += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>Reads stop at the file's length; past it there is nothing.</summary>
        private int Limit(int wanted) => (int)Math.Clamp(length - _position, 0, wanted);
    }
}
