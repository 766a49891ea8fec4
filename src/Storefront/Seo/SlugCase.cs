using System.Text.RegularExpressions;

namespace Diecast.Storefront.Seo;

/// <summary>
/// Slugs are lower-case (the API's rule), yet people type and paste addresses in other cases (<c>/cars/Ferrari-F40</c>):
/// such an address is sent on to the lower-case one with a 301, as search engines expect of one page with one URL,
/// rather than being a 404. Only ASCII letters change case (<c>ToLowerInvariant</c> would also turn the Kelvin sign into
/// a "k"), so no other spelling reaches a product.
/// </summary>
public static class SlugCase
{
    /// <summary>The lower-case slug <paramref name="slug"/> stands for, when it is one in other letters; else null.</summary>
    public static string? LowerCaseOf(string slug, Regex slugPattern)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(slugPattern);
        if (!slug.Any(char.IsAsciiLetterUpper) || !slug.All(char.IsAscii))
        {
            return null;
        }

        var lower = slug.ToLowerInvariant();
        return slugPattern.IsMatch(lower) ? lower : null;
    }
}
