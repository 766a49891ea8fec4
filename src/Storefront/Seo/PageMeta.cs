using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Diecast.Storefront.Seo;

/// <summary>
/// What a page tells search engines and link previews. HOW TO USE: in a page model's handler (or at the top of a
/// .cshtml), call <c>ViewData.SetPageMeta(new PageMeta { Title = "…", Description = "…" })</c>; <c>_Layout</c> reads it
/// back with <see cref="PageMetaViewData.GetPageMeta"/> and renders the title, description, canonical link, Open Graph
/// and Twitter tags and every JSON-LD block. A page that sets nothing gets the shop's defaults, with the request's path
/// (without its query string) as canonical.
/// </summary>
public sealed record PageMeta
{
    public const string SiteName = "Diecast";

    public const string DefaultDescription =
        "Diecast model cars from 1:64 to 1:18 (AutoArt, Minichamps, Mini GT, Hot Wheels and more), priced in ₹ with GST and shipped across India.";

    /// <summary>The page's own title; the layout appends " · Diecast" (except on the home page, whose title is the shop's).</summary>
    public string Title { get; init; } = "Diecast model cars";

    public string Description { get; init; } = DefaultDescription;

    /// <summary>
    /// The page's canonical path and query (e.g. <c>/cars/autoart-pagani-zonda-r-1-18</c> or <c>/cars?genre=jdm</c>),
    /// made absolute on Storefront__PublicBaseUrl (else the request's origin). Null: the request's path, without query.
    /// </summary>
    public string? CanonicalPath { get; init; }

    /// <summary>The preview image (absolute URL, or a path made absolute like the canonical one).</summary>
    public string? OgImage { get; init; }

    /// <summary>Open Graph type: "website", "product", "article".</summary>
    public string OgType { get; init; } = "website";

    /// <summary>JSON-LD blocks (see <see cref="JsonLd"/>), each rendered in its own script element.</summary>
    public IReadOnlyList<JsonObject> JsonLd { get; init; } = [];

    /// <summary>Asks search engines not to index the page (error pages, search results).</summary>
    public bool NoIndex { get; init; }

    /// <summary>The text of the title element.</summary>
    public string DocumentTitle => Title.Contains(SiteName, StringComparison.Ordinal) ? Title : $"{Title} · {SiteName}";
}

/// <summary>Where a page's <see cref="PageMeta"/> is kept between the page and the layout.</summary>
public static class PageMetaViewData
{
    private const string Key = "Diecast.PageMeta";

    public static void SetPageMeta(this ViewDataDictionary viewData, PageMeta meta) => viewData[Key] = meta;

    public static PageMeta GetPageMeta(this ViewDataDictionary viewData) => viewData[Key] as PageMeta ?? new PageMeta();
}

/// <summary>What the header's search box shows: the search a page ran (the catalog sets it), never the raw query string.</summary>
public static class SiteSearch
{
    public const string ViewDataKey = "Diecast.SiteSearch";
}
