using System.Text;

namespace Diecast.Storefront.Caching;

/// <summary>
/// The part of a page's cache key that comes from its query string: only the parameters the page reads, names in a
/// fixed order, each one's values sorted, so <c>?a=1&amp;b=2</c> and <c>?b=2&amp;a=1</c> (or <c>?brand=x&amp;brand=y</c> and
/// <c>?brand=y&amp;brand=x</c>) share an entry and unknown parameters (<c>?utm_source=…</c>, <c>?junk=123</c>) add none.
/// </summary>
public static class CacheKeyQuery
{
    /// <summary>A query whose relevant part is longer than this is served uncached rather than given an entry of its own.</summary>
    public const int MaxLength = 1024;

    /// <summary>The normalised text; null when the request should not be cached (too long).</summary>
    public static string? Normalize(IQueryCollection query, IReadOnlyList<string> keys)
    {
        var text = new StringBuilder();
        foreach (var key in keys)
        {
            // Names match case-insensitively, as model binding reads them; values are kept as given (a search's case shows on the page).
            var values = query[key].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var value in values)
            {
                text.Append(key).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
                if (text.Length > MaxLength)
                {
                    return null;
                }
            }
        }

        return text.ToString();
    }
}
