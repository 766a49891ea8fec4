using Microsoft.AspNetCore.Diagnostics;
using Diecast.Storefront.Caching;

namespace Diecast.Storefront.Seo;

/// <summary>
/// A GET form sends every field, filled or not, so the catalog's filter form made <c>/cars?q=&amp;min=&amp;max=&amp;genre=jdm</c>:
/// the same listing as <c>/cars?genre=jdm</c> under a longer address, which shoppers then share and bookmark. A request
/// to a page whose parameters include empty ones (<c>name=</c>, <c>name</c>, or only spaces) is sent on with a 301 to the
/// same address without them, everything else kept in its order. Server-side only, so it works without JavaScript; the
/// price is one redirect after such a form submission, which costs no API call.
/// </summary>
public static class EmptyQueryParameters
{
    /// <summary>After routing (the page decides which parameters count), before the output cache.</summary>
    public static WebApplication UseEmptyQueryParameterRedirects(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            var request = context.Request;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && context.Features.Get<IStatusCodeReExecuteFeature>() is null
                && StorefrontPages.For(context) is { QueryKeys.Length: > 0 } page
                && Without(request.QueryString.Value, page.QueryKeys) is { } clean)
            {
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = request.PathBase + request.Path + clean;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    /// <summary>
    /// <paramref name="queryString"/> without the empty values of <paramref name="keys"/> (names compared
    /// case-insensitively, as the pages read them), with its "?" (or "" when nothing is left); null when it has none.
    /// </summary>
    public static string? Without(string? queryString, IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (string.IsNullOrEmpty(queryString))
        {
            return null;
        }

        var pairs = queryString.TrimStart('?').Split('&');
        var kept = pairs.Where(pair => !IsEmpty(pair, keys)).ToList();
        if (kept.Count == pairs.Length)
        {
            return null;
        }

        kept.RemoveAll(pair => pair.Length == 0);
        return kept.Count == 0 ? "" : "?" + string.Join('&', kept);
    }

    private static bool IsEmpty(string pair, IReadOnlyCollection<string> keys)
    {
        if (pair.Length == 0)
        {
            return true;
        }

        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
        var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
        return keys.Contains(name, StringComparer.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(value);
    }
}
