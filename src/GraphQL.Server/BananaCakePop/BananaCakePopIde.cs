using System.Text.Json.Serialization;
using Diecast.GraphQL.Server.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Diecast.GraphQL.Server.BananaCakePop;

/// <summary>
/// Serves the Banana Cake Pop IDE (npm package @chillicream/bananacakepop-graphql-ide, copied into the build
/// output by Api.csproj) under the GraphQL path, with the config file that points it at this server.
/// Everything is served locally: the IDE works without internet access.
/// </summary>
public sealed class BananaCakePopIde
{
    public const string FilesFolder = "BananaCakePop";

    /// <summary>
    /// What the IDE needs and nothing more: its own scripts (no inline or remote ones), inline styles (its
    /// components style themselves), images and fonts as data/blob URLs, workers from blob URLs (the editor), and
    /// requests to this server only. 'unsafe-eval' because the IDE compiles JSON schema validators (Ajv) with
    /// <c>new Function</c> at start and does not open without it; no script can reach the page to call eval
    /// except the IDE's own. Checked in headless Chromium (BananaCakePopBrowserTests fails on any violation).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        + "connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private readonly PhysicalFileProvider? _files;

    private readonly string _title;

    public BananaCakePopIde(IOptions<GraphQLHttpOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _title = options.Value.IdeTitle;
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
            return new SecuredResult(Results.Redirect(request.PathBase + request.Path + "/"), CacheControl: null);
        }

        return Asset("index.html");
    }

    /// <summary>A file of the IDE; fingerprinted files under static/ are cached for good.</summary>
    public IResult Asset(string path)
    {
        var file = _files?.GetFileInfo(path);
        if (file is not { Exists: true, IsDirectory: false } || file.PhysicalPath is null)
        {
            return new SecuredResult(Results.NotFound(), CacheControl: null);
        }

        if (!ContentTypes.TryGetContentType(file.Name, out var contentType))
        {
            contentType = "application/octet-stream";
        }

        var cacheControl = path.StartsWith("static/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
        return new SecuredResult(Results.File(file.PhysicalPath, contentType, lastModified: file.LastModified, enableRangeProcessing: true), cacheControl);
    }

    /// <summary>
    /// The IDE's settings; its connection starts with the header <c>GraphQL-Preflight: 1</c>, so that file uploads from
    /// it pass the multipart CSRF rule (<see cref="MultipartRequestReader"/>); on its other requests the header is harmless.
    /// </summary>
    public IResult Config() => new SecuredResult(
        Results.Json(new BananaCakePopConfig(_title, UseBrowserUrlAsEndpoint: true, DisableTelemetry: true, new Dictionary<string, string> { [MultipartRequestReader.PreflightHeaders[0]] = "1" })),
        CacheControl: null);

    /// <summary>
    /// Users paste bearer tokens into this page, so no other site may frame it (clickjacking), no response is
    /// sniffed into another type, and no URL of it leaks to another site in a Referer header.
    /// </summary>
    public static void AddSecurityHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }

    /// <summary>The IDE reads this from <c>bcp-config.json</c> beside its page.</summary>
    private sealed record BananaCakePopConfig(
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("useBrowserUrlAsEndpoint")] bool UseBrowserUrlAsEndpoint,
        [property: JsonPropertyName("disableTelemetry")] bool DisableTelemetry,
        [property: JsonPropertyName("httpHeaders")] IReadOnlyDictionary<string, string> HttpHeaders);

    private sealed record SecuredResult(IResult Inner, string? CacheControl) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            AddSecurityHeaders(httpContext.Response);
            if (CacheControl is not null)
            {
                httpContext.Response.Headers[HeaderNames.CacheControl] = CacheControl;
            }

            return Inner.ExecuteAsync(httpContext);
        }
    }
}
