namespace Diecast.GraphQL.Server.Http;

/// <summary>
/// A file the client uploaded with a GraphQL multipart request (the value of an <c>Upload</c> variable), as HotChocolate's
/// <c>IFile</c>: held by the server until the request ends (small files in memory, larger ones in a temporary file that
/// is deleted then), so it can be read as often as needed while the request runs.
/// </summary>
public interface IFile
{
    /// <summary>The file name the client sent (never trusted for the format); the part's name when it sent none.</summary>
    string Name { get; }

    /// <summary>The content type the client sent (never trusted), or null.</summary>
    string? ContentType { get; }

    /// <summary>The file's length in bytes.</summary>
    long Length { get; }

    /// <summary>A fresh read-only stream over the whole file, at position 0, on every call; the caller disposes it.</summary>
    Stream OpenReadStream();
}
