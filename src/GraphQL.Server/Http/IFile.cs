namespace Diecast.GraphQL.Server.Http;

/// <summary>A file sent with a GraphQL multipart request: the runtime value of the <c>Upload</c> scalar.</summary>
public interface IFile
{
    /// <summary>The file name the client sent (never trusted for the format).</summary>
    string Name { get; }

    /// <summary>The client's content type (never trusted).</summary>
    string? ContentType { get; }

    /// <summary>In bytes.</summary>
    long Length { get; }

    /// <summary>A fresh readable stream over the whole file each call.</summary>
    Stream OpenReadStream();
}
