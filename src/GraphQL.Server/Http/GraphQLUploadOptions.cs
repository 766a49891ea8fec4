namespace Diecast.GraphQL.Server.Http;

/// <summary>
/// Limits on multipart upload requests (the GraphQL multipart request spec), bound to the server's configuration
/// section (<c>GraphQL:MaxUploadRequestBytes</c> …). Uploads are accepted only once the application turns them on
/// (<see cref="GraphQLServerBuilder.AcceptUploads"/>); the <c>operations</c> and <c>map</c> parts stay under
/// <see cref="GraphQLLimits.MaxRequestBytes"/>, as a JSON body does.
/// </summary>
public sealed class GraphQLUploadOptions
{
    /// <summary>Largest multipart request body in bytes, counted as it is read (a Content-Length may lie or be absent); larger gets 413 <c>UPLOAD_TOO_LARGE</c>.</summary>
    public long MaxUploadRequestBytes { get; set; } = 30 * 1024 * 1024;

    /// <summary>Largest single file in bytes, counted as it is read; larger gets 413 <c>UPLOAD_FILE_TOO_LARGE</c>.</summary>
    public long MaxUploadFileBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Most files (keys of the <c>map</c>) in one request; more gets 413 <c>UPLOAD_TOO_MANY_FILES</c>.</summary>
    public int MaxUploadFiles { get; set; } = 10;

    /// <summary>
    /// Bytes of one file held in memory; a larger file goes to a temporary file (deleted when the request ends, and at
    /// once from the folder on Linux, so a crash leaves nothing behind). Bounds a request's memory to about
    /// <see cref="MaxUploadFiles"/> × this.
    /// </summary>
    public int UploadMemoryBufferBytes { get; set; } = 64 * 1024;

    internal bool AllPositive() => MaxUploadRequestBytes > 0 && MaxUploadFileBytes > 0 && MaxUploadFiles > 0 && UploadMemoryBufferBytes > 0;
}

/// <summary>
/// That the application accepts multipart uploads, and who may send one: the caller must satisfy
/// <paramref name="Policy"/> (an ASP.NET Core authorization policy), checked before any part of the body is read. Null
/// lets every caller upload.
/// </summary>
public sealed record UploadAccess(string? Policy);
