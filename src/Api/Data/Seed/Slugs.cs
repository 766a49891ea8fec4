using System.Text;

namespace Diecast.Api.Data.Seed;

/// <summary>Turns a title into a URL-safe slug: lower-case ASCII letters and digits joined by single hyphens.</summary>
public static class Slugs
{
    public static string From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }
}
