using Diecast.Storefront.Seo;
using Microsoft.Extensions.Options;

namespace Diecast.Storefront.Cart;

/// <summary>
/// Cross-site request protection for the cart's POSTs that works with output-cached pages: the product and listing
/// pages are shared by every shopper, so their add-to-cart forms carry no per-user antiforgery token. Instead a POST
/// must come from this shop's own pages, as the browser's standard headers tell (OWASP CSRF cheat sheet, "Verifying
/// origin with standard headers" and "Fetch Metadata"): <c>Sec-Fetch-Site: same-origin</c> when the browser sends it,
/// else an <c>Origin</c> (or, without one, a <c>Referer</c>) whose host is this request's host or the configured
/// <c>Storefront__PublicBaseUrl</c>'s. A POST with none of them is refused too. The cart cookie's SameSite=Lax is the
/// second layer: a cross-site POST does not carry it.
/// </summary>
public static class SameOriginPosts
{
    /// <summary>Whether the request may change the cart.</summary>
    public static bool IsAllowed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return string.Equals(fetchSite, "same-origin", StringComparison.OrdinalIgnoreCase);
        }

        var source = request.Headers.Origin.ToString();
        if (source.Length == 0 || source == "null")
        {
            source = request.Headers.Referer.ToString();
        }

        if (!Uri.TryCreate(source, UriKind.Absolute, out var from) || from.Scheme is not ("http" or "https"))
        {
            return false;
        }

        // Host and port, not scheme: behind a TLS-terminating proxy the request here is http while the browser's origin
        // is https; an attacker on the same host name over plain http is already in the middle.
        var configured = request.HttpContext.RequestServices.GetService<IOptions<StorefrontOptions>>()?.Value.PublicBaseUrl;
        return string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || (configured is not null && string.Equals(from.Authority, configured.Authority, StringComparison.OrdinalIgnoreCase));
    }
}
