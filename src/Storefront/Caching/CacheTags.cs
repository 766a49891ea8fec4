namespace Diecast.Storefront.Caching;

/// <summary>The output cache's tags: what an event from the API evicts.</summary>
public static class CacheTags
{
    /// <summary>Every cached page: evicted when the event stream (re)connects, since events may have been missed.</summary>
    public const string All = "storefront";

    /// <summary>Pages that show product cards or facts: listings, home, product pages (their related cards), the sitemap.</summary>
    public const string Catalog = "catalog";

    /// <summary>Pages that show journal entries: the journal, its entries, the home page's teaser, the sitemap.</summary>
    public const string Journal = "journal";

    /// <summary>Static content pages; only a reconnect (or their TTL) evicts them.</summary>
    public const string Content = "content";

    /// <summary>One product's own page, for changes that show nowhere else (description, the real car's facts, video).</summary>
    public static string Product(string slug) => "product:" + slug.ToLowerInvariant();
}
