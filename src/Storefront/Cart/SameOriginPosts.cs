using Diecast.Storefront.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Diecast.Storefront.Cart;

/// <summary>
/// Cross-site request protection for the cart's POSTs that works with output-cached pages: the product and listing
/// pages are shared by every shopper, so their add-to-cart forms carry no per-user antiforgery token. Instead a POST
/// must come from this shop's own pages, as the browser's standard headers tell (OWASP CSRF cheat sheet, "Verifying
/// origin with standard headers" and "Fetch Metadata"): <c>Sec-Fetch-Site: same-origin</c> when the browser sends it,
/// else an <c>Origin</c> (or, without one, a <c>Referer</c>) whose host is this request's host or the configured
/// <c>Storefront__PublicBaseUrl</c>'s. A POST with none of them is refused too. The cart cookie's SameSite=Lax is the
/// second layer: a cross-site POST does not carry it. Every page's POST handlers get the same check
/// (<see cref="SameOriginPostsFilter"/>), beside their antiforgery tokens.
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

/// <summary>
/// Marks a page whose POSTs come from other sites by design and are authenticated another way, so
/// <see cref="SameOriginPostsFilter"/> leaves them alone. Say on the page what protects it instead.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowCrossSitePostsAttribute : Attribute;

/// <summary>
/// <see cref="SameOriginPosts"/> for every Razor page's POST handler, applied to all pages at once so a new form cannot
/// forget it: a POST that does not come from this shop's pages is 403 before the handler runs, and changes nothing.
/// Runs after antiforgery (an authorization filter), so a post without a valid token is still antiforgery's 400. Pages
/// marked <see cref="AllowCrossSitePostsAttribute"/> are exempt; a page without a POST handler is left to its 405.
/// </summary>
public sealed class SameOriginPostsFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (string.Equals(context.HandlerMethod?.HttpMethod, "Post", StringComparison.OrdinalIgnoreCase)
            && !Attribute.IsDefined(context.HandlerInstance.GetType(), typeof(AllowCrossSitePostsAttribute))
            && !SameOriginPosts.IsAllowed(context.HttpContext.Request))
        {
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status403Forbidden,
                Content = "This form can only be sent from the shop's own pages.",
                ContentType = "text/plain; charset=utf-8",
            };
            return;
        }

        await next();
    }

    /// <summary>Adds the filter to every Razor page.</summary>
    public static void AddToEveryPage(IServiceCollection services) =>
        services.Configure<RazorPagesOptions>(options => options.Conventions.ConfigureFilter(new SameOriginPostsFilter()));
}
