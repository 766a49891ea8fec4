using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Diecast.Api.Media;

/// <summary>
/// The anonymous media endpoints. Both URLs are content-addressed (<see cref="MediaUrls"/>): the path carries the
/// stored bytes' SHA-256 prefix, a wrong prefix is a 404, so a URL never shows other bytes and is cached for a year
/// as immutable. An orphaned file (removed or replaced) keeps being served until the cleanup job deletes it.
/// </summary>
public static class MediaEndpoints
{
    /// <summary>Cache-Control of every media response (RFC 8246 immutable): a year, the most browsers keep.</summary>
    public const string ImmutableCaching = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/media/images/{id}/{address}", [HttpMethods.Get, HttpMethods.Head], ServeImageAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapMethods("/media/videos/{id}/{address}", [HttpMethods.Get, HttpMethods.Head], ServeVideoAsync).AllowAnonymous().ExcludeFromDescription();
        // REVIEW: the benchmark's floor (./benchmark-media.sh sets Media__BenchmarkStaticFolder): ASP.NET Core's static
        // files on the same Kestrel, so the comparison measures our endpoint's cost and nothing else.
        if (endpoints is IApplicationBuilder app
            && endpoints.ServiceProvider.GetRequiredService<IOptions<MediaOptions>>().Value.BenchmarkStaticFolder is { Length: > 0 } folder)
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetFullPath(folder)),
                RequestPath = "/media-benchmark-static",
            });
        }

        return endpoints;
    }

    /// <summary>
    /// GET /media/images/{id}/{sha256 prefix}?w=WIDTH&amp;q=QUALITY: the image <c>w</c> pixels wide (one of
    /// <see cref="MediaOptions.Widths"/>; above the original's width, the original's width, which the ETag names), at
    /// quality <c>q</c> (one of <see cref="MediaOptions.Qualities"/>, default 75), as AVIF, WebP or JPEG, the first the
    /// Accept header allows. 400 for a width or quality not allowed, 404 for an unknown id or a wrong prefix,
    /// 503 with Retry-After when every encode slot stayed busy.
    /// </summary>
    private static async Task<IResult> ServeImageAsync(
        HttpContext context, string id, string address, MediaVariants variants, IDbContextFactory<DiecastDbContext> databases, IOptions<MediaOptions> options)
    {
        var query = context.Request.Query;
        if (!int.TryParse(query["w"], NumberStyles.None, CultureInfo.InvariantCulture, out var width) || !MediaOptions.Widths.Contains(width))
        {
            return Problem(400, "MEDIA_WIDTH_NOT_ALLOWED", "Width not allowed", $"w must be one of {string.Join(", ", MediaOptions.Widths)} (pixels).");
        }

        var quality = MediaOptions.DefaultQuality;
        if (query.ContainsKey("q") && (!int.TryParse(query["q"], NumberStyles.None, CultureInfo.InvariantCulture, out quality) || !MediaOptions.Qualities.Contains(quality)))
        {
            return Problem(400, "MEDIA_QUALITY_NOT_ALLOWED", "Quality not allowed", $"q must be one of {string.Join(", ", MediaOptions.Qualities)}.");
        }

        var format = MediaNegotiation.ChooseImageFormat(context.Request.Headers.Accept, options.Value.Avif);
        SetCachingHeaders(context.Response, varyByAccept: true);
        // Keyed by what the URL means, not how it is spelt: other spellings of one variant (an id in capitals or braces,
        // w=016) must not fill the memory cache with copies.
        if (!Guid.TryParse(id, out var fileId))
        {
            context.Response.Headers.Remove(HeaderNames.CacheControl);
            return Problem(404, "MEDIA_NOT_FOUND", "Image not found", "No image has this id and content address.");
        }

        var requestKey = $"{fileId:N}/{address}/{width}/{quality}/{format}";
        if (variants.FromMemory(requestKey) is { } cached)
        {
            return Send(context, cached);
        }

        if (await FindAsync(databases, id, address, MediaKind.Image, context.RequestAborted) is not { } file)
        {
            context.Response.Headers.Remove(HeaderNames.CacheControl);
            return Problem(404, "MEDIA_NOT_FOUND", "Image not found", "No image has this id and content address.");
        }

        // Never upscaled: a width above the original's is served at the original's (so w=2048 and w=3840 share a variant).
        var encodedWidth = Math.Min(width, file.Width ?? width);
        if (IsNotModified(context.Request, MediaVariants.ETagOf(file.Sha256, encodedWidth, quality, format)))
        {
            context.Response.Headers.ETag = MediaVariants.ETagOf(file.Sha256, encodedWidth, quality, format);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        try
        {
            return Send(context, await variants.GetAsync(file, encodedWidth, quality, format, requestKey, context.RequestAborted));
        }
        catch (MediaBusyException busy)
        {
            context.Response.Headers.Remove(HeaderNames.CacheControl);
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(busy.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problem(503, "MEDIA_BUSY", "Busy", busy.Message);
        }
    }

    /// <summary>
    /// GET (or HEAD) /media/videos/{id}/{sha256 prefix}.{mp4|webm}: the video, with Accept-Ranges: bytes; a single
    /// range (RFC 9110 §14) gets 206 and Content-Range, an unsatisfiable one 416 with Content-Range: bytes */LENGTH;
    /// several ranges get the whole file (allowed: a server may ignore Range). 404 for an unknown id or a wrong prefix.
    /// </summary>
    private static async Task ServeVideoAsync(HttpContext context, string id, string address, IMediaStorage storage, IDbContextFactory<DiecastDbContext> databases)
    {
        var response = context.Response;
        if (await FindAsync(databases, id, address, MediaKind.Video, context.RequestAborted) is not { } file)
        {
            await Problem(404, "MEDIA_NOT_FOUND", "Video not found", "No video has this id and content address.").ExecuteAsync(context);
            return;
        }

        var etag = "\"" + file.Sha256[..32] + "\"";
        SetCachingHeaders(response, varyByAccept: false);
        response.Headers.ETag = etag;
        response.Headers.AcceptRanges = "bytes";
        if (IsNotModified(context.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var total = file.ByteLength;
        var range = MediaNegotiation.ParseRange(context.Request.Headers.Range, context.Request.Headers.IfRange, etag, total);
        if (range is { Satisfiable: false })
        {
            response.Headers.Remove(HeaderNames.CacheControl);
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{total}";
            return;
        }

        var (from, to) = range is { } r ? (r.From, r.To) : (0L, total - 1);
        await using var blob = await storage.OpenAsync(file.StorageKey, from, to, context.RequestAborted);
        if (blob is null)
        {
            response.Headers.Remove(HeaderNames.CacheControl);
            await Problem(404, "MEDIA_NOT_FOUND", "Video not found", "The video's bytes are gone.").ExecuteAsync(context);
            return;
        }

        response.StatusCode = range is null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent;
        if (range is not null)
        {
            response.Headers.ContentRange = $"bytes {from}-{to}/{total}";
        }

        response.ContentType = file.ContentType;
        response.ContentLength = blob.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await blob.Content.CopyToAsync(response.Body, 81920, context.RequestAborted);
    }

    private static async Task<MediaFile?> FindAsync(IDbContextFactory<DiecastDbContext> databases, string id, string address, MediaKind kind, CancellationToken ct)
    {
        // The address may carry an extension (".webp", ".mp4"), which says nothing: the bytes and Accept decide.
        var dot = address.IndexOf('.', StringComparison.Ordinal);
        var prefix = dot < 0 ? address : address[..dot];
        if (!Guid.TryParse(id, out var fileId) || prefix.Length != MediaUrls.AddressLength || !prefix.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(ct);
        var file = await db.MediaFiles.FirstOrDefaultAsync(f => f.Id == fileId && f.Kind == kind, ct);
        return file is not null && file.Sha256.StartsWith(prefix, StringComparison.Ordinal) ? file : null;
    }

    private static IResult Send(HttpContext context, VariantBytes variant)
    {
        context.Response.Headers.ETag = variant.ETag;
        if (IsNotModified(context.Request, variant.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(variant.Bytes, variant.ContentType);
    }

    private static void SetCachingHeaders(HttpResponse response, bool varyByAccept)
    {
        // The type is decided from the bytes at intake: a browser must not second-guess it (as the GraphQL responses say too).
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = ImmutableCaching;
        if (varyByAccept)
        {
            response.Headers.Vary = "Accept";
        }
    }

    /// <summary>If-None-Match (RFC 9110 §13.1.2): weak comparison, "*" matches.</summary>
    private static bool IsNotModified(HttpRequest request, string etag)
    {
        foreach (var value in request.Headers.IfNoneMatch)
        {
            foreach (var candidate in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
                if (tag == "*" || tag == etag)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IResult Problem(int status, string code, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });
}
