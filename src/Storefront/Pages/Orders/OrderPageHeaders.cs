namespace Diecast.Storefront.Pages.Orders;

/// <summary>The headers of every page that shows one customer's order or checkout.</summary>
public static class OrderPageHeaders
{
    /// <summary>
    /// Personal pages: never stored by a browser, proxy or CDN (<c>no-store, no-cache, private</c>) nor indexed; and the order
    /// token in the address is not sent on as a Referer to Razorpay's script or any link to another site the shopper
    /// follows. <c>same-origin</c>, not <c>no-referrer</c>: the pages' own forms must still say where they come from, since
    /// a browser that sends no <c>Sec-Fetch-Site</c> (Safari before 16.4, any browser on plain http) would otherwise post
    /// them with <c>Origin: null</c> and no Referer, which the same-origin check refuses as cross-site.
    /// </summary>
    public static void SetPrivate(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Set(response);
        // Antiforgery writes its own "no-cache, no-store" when a form's token is made; ours is set last.
        response.OnStarting(() =>
        {
            Set(response);
            return Task.CompletedTask;
        });
    }

    private static void Set(HttpResponse response)
    {
        // no-cache as well as no-store: antiforgery logs a warning for every form token it makes on a response whose
        // Cache-Control lacks no-cache (it overrides the header with its own), one per checkout page view.
        response.Headers.CacheControl = "no-store, no-cache, private";
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        response.Headers["Referrer-Policy"] = "same-origin";
    }
}
