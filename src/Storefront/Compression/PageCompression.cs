using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Diecast.Storefront.Compression;

/// <summary>
/// Pages (HTML, sitemap.xml, robots.txt) compressed with Brotli or gzip, chosen by the request's <c>Accept-Encoding</c>
/// as ASP.NET Core's ResponseCompression middleware chooses (quality values, then Brotli before gzip), and sent with
/// <c>Vary: Accept-Encoding</c>. The middleware sits inside the output cache, so a cached page is stored compressed,
/// once per encoding (<see cref="EncodingOf"/> is part of the cache key), and a cache hit costs no compression at all.
/// Static assets are compressed at build and never again (their responses already carry a Content-Encoding).
/// </summary>
public static class PageCompression
{
    /// <summary>The encoding a response to a request without any usable <c>Accept-Encoding</c> has.</summary>
    public const string Identity = "identity";

    public static WebApplicationBuilder AddPageCompression(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddResponseCompression(options =>
        {
            // Off by default because of BREACH (a secret and attacker-chosen text compressed together over HTTPS). The
            // cached pages carry no secret (no cookie, no token: they are the same for every shopper), so there is
            // nothing to recover; pages that do carry one (antiforgery tokens on the cart and checkout forms) get a
            // freshly encrypted token in every response, which is what defeats the length oracle.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "application/xml", "text/plain"];
        });
        // Optimal is Brotli quality 4 and gzip level 6: a page is compressed once per cache fill, so the better ratio
        // is worth it; quality 11 took tens of milliseconds for the catalogue page (README: Storefront: compression).
        builder.Services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        return builder;
    }

    /// <summary>Inside the output cache, so what it stores is compressed.</summary>
    public static WebApplication UsePageCompression(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseResponseCompression();
        return app;
    }

    /// <summary>
    /// The encoding the response to this request will have ("br", "gzip" or <see cref="Identity"/>), decided by the
    /// middleware's own provider, so the output cache keeps one entry per encoding and never serves one to a client that
    /// did not ask for it.
    /// </summary>
    public static string EncodingOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var provider = context.RequestServices.GetRequiredService<IResponseCompressionProvider>();
        return provider.CheckRequestAcceptsCompression(context) && provider.GetCompressionProvider(context) is { } chosen
            ? chosen.EncodingName
            : Identity;
    }
}
