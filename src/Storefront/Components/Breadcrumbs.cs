using System.Text.Json.Nodes;
using Diecast.Storefront.Seo;

namespace Diecast.Storefront.Components;

/// <summary>One step of a breadcrumb trail: its name and its path on the storefront.</summary>
public sealed record Crumb(string Name, string Path);

/// <summary>
/// The Breadcrumbs partial's model (<c>&lt;partial name="Breadcrumbs" model="crumbs" /&gt;</c>), home first, the
/// current page last. <see cref="ToJsonLd"/> gives the BreadcrumbList for the same trail, so the two never disagree.
/// </summary>
public sealed class Breadcrumbs(IEnumerable<Crumb> crumbs) : List<Crumb>(crumbs)
{
    public static Breadcrumbs Of(params Crumb[] crumbs) => new([new Crumb("Home", "/"), .. crumbs]);

    public JsonObject ToJsonLd(SiteUrls urls, HttpRequest request) =>
        JsonLd.BreadcrumbList(this.Select(c => (c.Name, urls.Absolute(request, c.Path))));
}
