namespace Diecast.Api.Media;

/// <summary>The S3-compatible store (Media__Storage=s3).</summary>
public sealed class S3MediaStorage : IMediaStorage
{
    public Task PutAsync(string key, Stream content, string contentType, CancellationToken ct) => throw new NotImplementedException();

    public Task<MediaBlob?> OpenAsync(string key, long? from, long? to, CancellationToken ct) => throw new NotImplementedException();

    public Task<long?> GetLengthAsync(string key, CancellationToken ct) => throw new NotImplementedException();

    public Task DeleteAsync(string key, CancellationToken ct) => throw new NotImplementedException();
}
