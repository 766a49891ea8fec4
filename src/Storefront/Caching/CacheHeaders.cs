using System.Globalization;
using Diecast.Storefront.ApiResilience;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Diecast.Storefront.Caching;

/// <summary>
/// Sets Cache-Control (and the status when the API failed) on every page listed in <see cref="StorefrontPages"/>, as the
/// response starts, whether it came from the output cache or not. Sits outside the output cache and inside the
/// status-code pages, so a 404 turned into 503 here is re-executed to the error page as a 503.
/// </summary>
public sealed class CacheHeaders(RequestDelegate next, IOptionsMonitor<StorefrontCacheOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var page = StorefrontPages.For(context);
        if (page is null)
        {
            await next(context);
            return;
        }

        context.Response.OnStarting(() =>
        {
            Apply(context, page, options.CurrentValue);
            return Task.CompletedTask;
        });
        await next(context);

        // "Not found" while the API failed is not known to be true: say "try again" instead (a 404 would be cached, and
        // tell search engines the product is gone).
        var response = context.Response;
        if (!response.HasStarted && response.StatusCode == StatusCodes.Status404NotFound && ApiFailures.Unavailable(context))
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }

    private static void Apply(HttpContext context, PagePolicy page, StorefrontCacheOptions settings)
    {
        var response = context.Response;
        var apiFailed = ApiFailures.Occurred(context);
        if (ApiFailures.Unavailable(context) && page.UnavailableWhenApiFails && response.StatusCode == StatusCodes.Status200OK)
        {
            // The page rendered its own "try again" message; the status says so to browsers, crawlers and CDNs.
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }

        var headers = response.Headers;
        headers.Remove("Pragma");
        // The compression middleware says so only when it was asked for an encoding; a CDN must know for every copy.
        if (!headers.Vary.Any(v => v is not null && v.Contains(HeaderNames.AcceptEncoding, StringComparison.OrdinalIgnoreCase)))
        {
            headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        }

        headers.Remove("Expires");
        if (response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        headers.CacheControl = (response.StatusCode, page.Lifetime) switch
        {
            // A page made while the API failed lacks something: no cache may keep it (a CDN keeps its last good copy: stale-if-error).
            _ when apiFailed => "no-store",
            (StatusCodes.Status200OK, PageLifetime.Data) =>
                $"public, max-age=0, s-maxage={settings.SharedMaxAgeSeconds}, stale-while-revalidate={settings.StaleWhileRevalidateSeconds}, stale-if-error={settings.StaleIfErrorSeconds}",
            (StatusCodes.Status200OK, PageLifetime.Content) =>
                $"public, max-age=3600, s-maxage={settings.ContentTtlSeconds}, stale-while-revalidate={settings.ContentTtlSeconds}, stale-if-error={settings.StaleIfErrorSeconds}",
            (StatusCodes.Status404NotFound, _) => $"public, max-age={settings.NotFoundMaxAgeSeconds}, s-maxage={settings.NotFoundMaxAgeSeconds}",
            _ => "no-store",
        };
    }
}
