using System.Globalization;
using System.Text;
using System.Xml;

namespace Diecast.Storefront.Seo;

/// <summary>
/// <c>GET /sitemap.xml</c>: the shop's pages, every product on sale (archived ones are not in the API's catalog) and
/// every published journal entry, with absolute URLs and lastmod; <c>GET /robots.txt</c> points at it. The catalog and
/// the journal are read page by page through the API's keyset paging (50 a request), never in one unbounded query,
/// and at most <see cref="MaxUrls"/> URLs are written: the sitemap protocol's limit for one file.
/// </summary>
public static class SitemapEndpoint
{
    public const int MaxUrls = 50_000;

    private static readonly string[] StaticPaths = ["/", "/cars", "/journal", "/about", "/contact", "/shipping-and-returns", "/privacy", "/terms"];

    public static IEndpointRouteBuilder MapSitemap(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sitemap.xml", WriteSitemapAsync);
        endpoints.MapGet("/robots.txt", (HttpContext context, SiteUrls urls) => Results.Text(
            $"""
            User-agent: *
            Disallow: /cart
            Disallow: /checkout
            Disallow: /errors/
            Allow: /

            Sitemap: {urls.Absolute(context.Request, "/sitemap.xml")}

            """,
            "text/plain", Encoding.UTF8));
        return endpoints;
    }

    private static async Task<IResult> WriteSitemapAsync(HttpContext context, IDiecastClient client, SiteUrls urls, ILogger<SitemapMarker> logger, CancellationToken cancellationToken)
    {
        var entries = new List<(string Path, DateTimeOffset? LastModified)>();
        entries.AddRange(StaticPaths.Select(p => (p, (DateTimeOffset?)null)));

        string? after = null;
        do
        {
            var page = await client.SitemapProducts.ExecuteAsync(after, cancellationToken);
            if (page.Data?.Products is not { } products)
            {
                // A partial sitemap would tell search engines the missing products are gone: better none this time.
                logger.LogWarning("sitemap.xml: the catalog could not be read: {Errors}", string.Join("; ", page.Errors.Select(e => e.Message)));
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            entries.AddRange((products.Nodes ?? []).Select(p => ("/cars/" + Uri.EscapeDataString(p.Slug), (DateTimeOffset?)p.UpdatedAt)));
            after = products.PageInfo.HasNextPage ? products.PageInfo.EndCursor : null;
        }
        while (after is not null && entries.Count < MaxUrls);

        after = null;
        do
        {
            var page = await client.SitemapJournal.ExecuteAsync(after, cancellationToken);
            if (page.Data?.JournalEntries is not { } journal)
            {
                logger.LogWarning("sitemap.xml: the journal could not be read: {Errors}", string.Join("; ", page.Errors.Select(e => e.Message)));
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            entries.AddRange((journal.Nodes ?? []).Select(e => ("/journal/" + Uri.EscapeDataString(e.Slug), (DateTimeOffset?)e.UpdatedAt)));
            after = journal.PageInfo.HasNextPage ? journal.PageInfo.EndCursor : null;
        }
        while (after is not null && entries.Count < MaxUrls);

        using var buffer = new MemoryStream();
        await using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true }))
        {
            await xml.WriteStartDocumentAsync();
            await xml.WriteStartElementAsync(null, "urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (var (path, lastModified) in entries.Take(MaxUrls))
            {
                await xml.WriteStartElementAsync(null, "url", null);
                await xml.WriteElementStringAsync(null, "loc", null, urls.Absolute(context.Request, path));
                if (lastModified is { } modified)
                {
                    await xml.WriteElementStringAsync(null, "lastmod", null, modified.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                }

                await xml.WriteEndElementAsync();
            }

            await xml.WriteEndElementAsync();
            await xml.WriteEndDocumentAsync();
        }

        return Results.Bytes(buffer.ToArray(), "application/xml; charset=utf-8");
    }

    /// <summary>The sitemap's log category.</summary>
    private sealed class SitemapMarker;
}
