using Diecast.GraphQL.Server.Http;

namespace Diecast.Api.Media;

/// <summary>Checks and stores uploads.</summary>
public sealed class MediaIntake
{
    public Task<MediaFile> IngestImageAsync(IFile file, CancellationToken ct) => throw new NotImplementedException();

    public Task<MediaFile> IngestVideoAsync(IFile file, CancellationToken ct) => throw new NotImplementedException();

    public Task<MediaFile> IngestImageAsync(Stream bytes, string name, CancellationToken ct) => throw new NotImplementedException();
}
