using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Media;

/// <summary>
/// The S3-compatible store (Media__Storage=s3): one object per key in Media__S3__Bucket, path-style addressing so any
/// S3-compatible server works (MinIO, R2, s3rver in the tests). The keys come from Media__S3__AccessKey and
/// Media__S3__SecretKey (or, when both are empty, the SDK's default credential chain) and are never logged.
/// Ranges are ranged GETs, so a video is streamed, never held whole.
/// </summary>
public sealed class S3MediaStorage : IMediaStorage, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public S3MediaStorage(IOptions<MediaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value.S3;
        _bucket = settings.Bucket is { Length: > 0 } bucket
            ? bucket
            : throw new InvalidOperationException("Media__Storage is s3 but Media__S3__Bucket is not set.");
        _prefix = settings.KeyPrefix;
        var config = new AmazonS3Config
        {
            ForcePathStyle = true,
            // Checksums only where S3 requires them: S3-compatible servers do not all accept the SDK's default trailers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            AuthenticationRegion = settings.Region,
        };
        if (settings.ServiceUrl is { Length: > 0 } url)
        {
            config.ServiceURL = url;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        }

        _client = settings.AccessKey is { Length: > 0 } && settings.SecretKey is { Length: > 0 }
            ? new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config)
            : new AmazonS3Client(config);
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        // Keys are content addresses: an existing object already holds these bytes.
        if (await GetLengthAsync(key, ct) is not null)
        {
            return;
        }

        var data = content.CanSeek ? content : await BufferAsync(content, ct);
        await _client.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = _bucket,
                Key = _prefix + key,
                InputStream = data,
                AutoCloseStream = false,
                ContentType = contentType,
                UseChunkEncoding = false,
            },
            ct);
    }

    public async Task<MediaBlob?> OpenAsync(string key, long? from, long? to, CancellationToken ct)
    {
        var request = new GetObjectRequest { BucketName = _bucket, Key = _prefix + key };
        if (from is not null || to is not null)
        {
            if (from is null)
            {
                throw new ArgumentException("A range needs its first byte.", nameof(from));
            }

            request.ByteRange = to is null ? new ByteRange($"bytes={from}-") : new ByteRange(from.Value, to.Value);
        }

        try
        {
            var response = await _client.GetObjectAsync(request, ct);
            var total = response.ContentRange is { } range && range.LastIndexOf('/') is var slash and > 0
                ? long.Parse(range[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture)
                : response.ContentLength;
            return new MediaBlob(new ResponseStream(response), response.Headers.ContentType, total, from ?? 0, response.ContentLength);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<long?> GetLengthAsync(string key, CancellationToken ct)
    {
        try
        {
            var metadata = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = _prefix + key }, ct);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct) =>
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = _prefix + key }, ct);

    public void Dispose() => _client.Dispose();

    private static async Task<MemoryStream> BufferAsync(Stream content, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>The object's body, disposing the response (and its connection) with it.</summary>
    private sealed class ResponseStream(GetObjectResponse response) : Stream
    {
        private readonly Stream _body = response.ResponseStream;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _body.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _body.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _body.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
