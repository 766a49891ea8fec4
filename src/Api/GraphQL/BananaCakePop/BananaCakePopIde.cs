using System.Text.Json.Serialization;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Diecast.Api.GraphQL.BananaCakePop;

/// <summary>
/// Serves the Banana Cake Pop IDE (npm package @chillicream/bananacakepop-graphql-ide, copied into the build
/// output by Api.csproj) under the GraphQL path, with the config file that points it at this server.
/// Everything is served locally: the IDE works without internet access.
/// </summary>
public sealed class BananaCakePopIde
{
    public const string FilesFolder = "BananaCakePop";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private readonly PhysicalFileProvider? _files;

    public BananaCakePopIde()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, FilesFolder);
        _files = File.Exists(Path.Combine(folder, "index.html")) ? new PhysicalFileProvider(folder) : null;
    }

    /// <summary>A browser opening the GraphQL address: it asks for HTML and sends no GraphQL parameters.</summary>
    public static bool IsBrowserNavigation(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Query.Count == 0
        && request.Headers.Accept.Any(value => value?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The IDE's page. Its assets are relative, so it must be served at the path with a trailing slash.</summary>
    public IResult Index(HttpRequest request)
    {
        if (!request.Path.Value!.EndsWith('/'))
        {
            return Results.Redirect(request.PathBase + request.Path + "/");
        }

        return Asset("index.html");
    }

    /// <summary>A file of the IDE; fingerprinted files under static/ are cached for good.</summary>
    public IResult Asset(string path)
    {
        var file = _files?.GetFileInfo(path);
        if (file is not { Exists: true, IsDirectory: false } || file.PhysicalPath is null)
        {
            return Results.NotFound();
        }

        if (!ContentTypes.TryGetContentType(file.Name, out var contentType))
        {
            contentType = "application/octet-stream";
        }

        var cacheControl = path.StartsWith("static/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
        return new CachedFileResult(Results.File(file.PhysicalPath, contentType, lastModified: file.LastModified, enableRangeProcessing: true), cacheControl);
    }

    public static IResult Config() => Results.Json(new BananaCakePopConfig("Diecast", UseBrowserUrlAsEndpoint: true, DisableTelemetry: true));

    /// <summary>The IDE reads this from <c>bcp-config.json</c> beside its page.</summary>
    private sealed record BananaCakePopConfig(
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("useBrowserUrlAsEndpoint")] bool UseBrowserUrlAsEndpoint,
        [property: JsonPropertyName("disableTelemetry")] bool DisableTelemetry);

    private sealed class CachedFileResult(IResult inner, string cacheControl) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[HeaderNames.CacheControl] = cacheControl;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
