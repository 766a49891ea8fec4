using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Caching;

/// <summary>How long a page may be kept, by caches here and in front (a CDN, the browser).</summary>
public enum PageLifetime
{
    /// <summary>Catalog and journal data: output-cached until evicted (or the TTL), briefly at a CDN, revalidated by browsers.</summary>
    Data,

    /// <summary>Content that changes only with a deployment: cached long everywhere.</summary>
    Content,

    /// <summary>Error pages: never output-cached; a 404 briefly cacheable, anything else not at all.</summary>
    Error,
}

/// <summary>One page's caching rules.</summary>
/// <param name="QueryKeys">The query parameters the page reads: the only ones in its cache key, lower-case.</param>
/// <param name="Tags">Its tags, from the request (route values).</param>
/// <param name="Lifetime">How long it may be kept.</param>
/// <param name="UnavailableWhenApiFails">Answer 503 (not cached) rather than 200 when an API call failed: the page has no main content without the API.</param>
public sealed record PagePolicy(string[] QueryKeys, Func<HttpContext, IEnumerable<string>> Tags, PageLifetime Lifetime, bool UnavailableWhenApiFails)
{
    public bool OutputCached => Lifetime != PageLifetime.Error;
}

/// <summary>
/// The caching rules of every page, by its path under Pages/ (a feature folder): pages themselves set no cache
/// headers. A page not listed here is never output-cached and gets no Cache-Control from us (the cart and checkout of
/// issue 15 will be such pages).
/// </summary>
public static class StorefrontPages
{
    /// <summary>The catalog's query string (see src/Storefront/Pages/Cars/CatalogUrl.cs).</summary>
    public static readonly string[] CatalogKeys = ["q", "brand", "genre", "scale", "min", "max", "availability", "sort", "after", "before"];

    /// <summary>The journal list's query string.</summary>
    public static readonly string[] JournalKeys = ["tag", "after", "before"];

    private static readonly PagePolicy Home = new([], _ => [CacheTags.Catalog, CacheTags.Journal], PageLifetime.Data, UnavailableWhenApiFails: false);
    private static readonly PagePolicy Catalog = new(CatalogKeys, _ => [CacheTags.Catalog], PageLifetime.Data, UnavailableWhenApiFails: true);
    private static readonly PagePolicy Product = new([], ProductTags, PageLifetime.Data, UnavailableWhenApiFails: true);
    private static readonly PagePolicy JournalList = new(JournalKeys, _ => [CacheTags.Journal], PageLifetime.Data, UnavailableWhenApiFails: true);
    private static readonly PagePolicy JournalEntry = new([], _ => [CacheTags.Journal], PageLifetime.Data, UnavailableWhenApiFails: true);
    private static readonly PagePolicy Content = new([], _ => [CacheTags.Content], PageLifetime.Content, UnavailableWhenApiFails: false);
    private static readonly PagePolicy Error = new([], _ => [], PageLifetime.Error, UnavailableWhenApiFails: false);
    private static readonly PagePolicy Sitemap = new([], _ => [CacheTags.Catalog, CacheTags.Journal], PageLifetime.Data, UnavailableWhenApiFails: true);
    private static readonly PagePolicy Robots = new([], _ => [CacheTags.Content], PageLifetime.Content, UnavailableWhenApiFails: false);

    /// <summary>The rules of the page this request was routed to; null for anything else (static files, health, unknown pages).</summary>
    public static PagePolicy? For(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var page = endpoint?.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath;
        return page switch
        {
            // The two endpoints that are not pages (Seo/SitemapEndpoint).
            null => (endpoint as RouteEndpoint)?.RoutePattern.RawText switch
            {
                "/sitemap.xml" => Sitemap,
                "/robots.txt" => Robots,
                _ => null,
            },
            "/Index" => Home,
            "/Cars/Index" => Catalog,
            "/Cars/Product" => Product,
            "/Journal/Index" => JournalList,
            "/Journal/Entry" => JournalEntry,
            _ when page.StartsWith("/Content/", StringComparison.Ordinal) => Content,
            _ when page.StartsWith("/Errors/", StringComparison.Ordinal) => Error,
            _ => null,
        };
    }

    /// <summary>A product page shows related products' cards too, so any card change evicts it (<see cref="CacheTags.Catalog"/>).</summary>
    private static IEnumerable<string> ProductTags(HttpContext context) =>
        context.Request.RouteValues["slug"] is string slug ? [CacheTags.Catalog, CacheTags.Product(slug)] : [CacheTags.Catalog];
}
