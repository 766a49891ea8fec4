using Diecast.Storefront.Components;
using Diecast.Storefront.Seo;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Diecast.Storefront.Pages.Content;

/// <summary>
/// The shop's static pages (about, contact, privacy, terms, shipping and returns): text in the .cshtml, no API call,
/// the same HTML for everyone, so they can be cached long. Each calls <see cref="Describe"/> for its breadcrumbs and meta.
/// </summary>
public static class ContentPage
{
    /// <summary>When the legal texts last changed, shown on them.</summary>
    public const string LastUpdated = "1 December 2026";

    public static Breadcrumbs Describe(ViewDataDictionary viewData, HttpContext context, string title, string path, string description)
    {
        var crumbs = Breadcrumbs.Of(new Crumb(title, path));
        var urls = context.RequestServices.GetRequiredService<SiteUrls>();
        viewData.SetPageMeta(new PageMeta
        {
            Title = title,
            Description = description,
            CanonicalPath = path,
            JsonLd = [crumbs.ToJsonLd(urls, context.Request)],
        });
        return crumbs;
    }
}
