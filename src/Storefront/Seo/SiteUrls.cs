using Microsoft.Extensions.Options;

namespace Diecast.Storefront.Seo;

/// <summary>The storefront's settings: configuration section "Storefront" (e.g. <c>Storefront__PublicBaseUrl</c>).</summary>
public sealed class StorefrontOptions
{
    public const string Section = "Storefront";

    /// <summary>
    /// The shop's public origin (e.g. https://diecast.in), used for canonical URLs, Open Graph, JSON-LD and sitemap.xml.
    /// Unset: the request's scheme and host, which is right behind a proxy only if it forwards them.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// Put the stylesheet inside every page's head (true, the default) rather than link it: no render-blocking request
    /// before the first paint, at about 4 kB compressed per page (measured in the README's Lighthouse section).
    /// </summary>
    public bool InlineStylesheet { get; set; } = true;
}

/// <summary>Absolute URLs for what search engines and link previews read.</summary>
public sealed class SiteUrls(IOptions<StorefrontOptions> options)
{
    /// <summary>The public origin for this request, without a trailing slash.</summary>
    public string Origin(HttpRequest request) =>
        options.Value.PublicBaseUrl is { } configured
            ? configured.GetLeftPart(UriPartial.Authority)
            : $"{request.Scheme}://{request.Host}";

    /// <summary><paramref name="pathOrUrl"/> made absolute (an absolute http(s) URL is returned as it is).</summary>
    public string Absolute(HttpRequest request, string pathOrUrl)
    {
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute.ToString();
        }

        return Origin(request) + (pathOrUrl.StartsWith('/') ? pathOrUrl : "/" + pathOrUrl);
    }
}
