using System.Globalization;
using System.Text.Json.Nodes;
using Diecast.Storefront.Seo;

namespace Diecast.Storefront.Pages.Journal;

/// <summary>
/// A journal cover as an img element needs it. The API gives a cover as one URL (JournalEntry.coverImage); when it is
/// on the API's image endpoint (<c>/media/images/…?w=1200</c>) the same URL at other widths makes a srcset. Covers are
/// drawn in a 16:9 frame (object-fit: cover), so the width and height given reserve the space whatever the picture's
/// own proportions: nothing shifts when it loads.
/// </summary>
public static class JournalCover
{
    public const int Width = 1600;

    public const int Height = 900;

    /// <summary>Widths the image endpoint serves (a quarter-desktop tile, then next/image's device sizes), up to the demo covers' 1600.</summary>
    private static readonly int[] Widths = [384, 640, 828, 1200, 1920];

    /// <summary>The srcset for <paramref name="url"/>, or null when it is not the image endpoint's.</summary>
    public static string? SrcSet(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (!url.Contains("/media/images/", StringComparison.Ordinal) || query < 0)
        {
            return null;
        }

        var path = url[..query];
        return string.Join(", ", Widths.Select(w => $"{path}?w={w.ToString(CultureInfo.InvariantCulture)} {w.ToString(CultureInfo.InvariantCulture)}w"));
    }
}

/// <summary>schema.org for journal entries.</summary>
public static class JournalJsonLd
{
    public static JsonObject BlogPosting(IJournalEntryBySlug_JournalEntryBySlug entry, string url, string? image, string origin)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var posting = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "BlogPosting",
            ["headline"] = entry.Title,
            ["description"] = entry.Excerpt,
            ["url"] = url,
            ["mainEntityOfPage"] = url,
            ["author"] = new JsonObject { ["@type"] = "Person", ["name"] = entry.Author },
            ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = PageMeta.SiteName, ["url"] = origin + "/" },
            ["dateModified"] = entry.UpdatedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["keywords"] = new JsonArray([.. entry.Tags.Select(t => (JsonNode)t)]),
        };
        if (entry.PublishedAt is { } published)
        {
            posting["datePublished"] = published.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        if (image is not null)
        {
            posting["image"] = image;
        }

        return posting;
    }
}
