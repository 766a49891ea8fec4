using System.Globalization;

namespace Diecast.Api.Media;

/// <summary>
/// The media endpoints' URLs: content-addressed, with the first <see cref="AddressLength"/> hex digits of the stored
/// bytes' SHA-256 in the path, so a URL names one picture forever and may be cached immutably. Absolute when
/// <see cref="MediaOptions.PublicBaseUrl"/> is set, else absolute paths on this API.
/// </summary>
public sealed class MediaUrls(Microsoft.Extensions.Options.IOptions<MediaOptions> options)
{
    private readonly string _origin = options.Value.PublicBaseUrl?.TrimEnd('/') ?? "";

    /// <summary>
    /// A stored media path (<c>/media/…</c>, as a journal cover written while no public base URL was set) made absolute on
    /// <see cref="MediaOptions.PublicBaseUrl"/> like every URL made here; anything else (an external URL) as it is.
    /// </summary>
    public string Absolute(string pathOrUrl)
    {
        ArgumentNullException.ThrowIfNull(pathOrUrl);
        return pathOrUrl.StartsWith("/media/", StringComparison.Ordinal) ? _origin + pathOrUrl : pathOrUrl;
    }

    /// <summary>Hex digits of the SHA-256 in a URL (64 bits: no collision between one file's versions).</summary>
    public const int AddressLength = 16;

    /// <summary>The allowed widths, ascending (next/image's deviceSizes and imageSizes).</summary>
    public IReadOnlyList<int> ImageWidths => MediaOptions.Widths;

    /// <summary>
    /// The image at <paramref name="width"/> pixels (one of <see cref="ImageWidths"/>; a width above the original's is
    /// served at the original's) and <paramref name="quality"/> (one of <see cref="MediaOptions.Qualities"/>).
    /// </summary>
    public string Image(MediaFile file, int width, int quality = MediaOptions.DefaultQuality)
    {
        ArgumentNullException.ThrowIfNull(file);
        var path = $"{_origin}/media/images/{file.Id}/{Address(file)}?w={width.ToString(CultureInfo.InvariantCulture)}";
        return quality == MediaOptions.DefaultQuality ? path : path + "&q=" + quality.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A srcset: each allowed width below the original's, then the first allowed width at or above it, described by the
    /// original's own width (it is served at that size), e.g. "/media/images/…?w=640 640w, …?w=1080 1000w" for a 1000 px
    /// original; every width descriptor appears once.
    /// </summary>
    public string SrcSet(MediaFile file, int quality = MediaOptions.DefaultQuality)
    {
        ArgumentNullException.ThrowIfNull(file);
        var original = file.Width ?? ImageWidths[^1];
        var entries = new List<string>();
        foreach (var width in ImageWidths)
        {
            if (width < original)
            {
                entries.Add($"{Image(file, width, quality)} {width.ToString(CultureInfo.InvariantCulture)}w");
                continue;
            }

            // The first width at or above the original's is the last: it is served at the original's width, and a
            // second descriptor for that width would repeat it (HTML forbids two candidates with one width).

            entries.Add($"{Image(file, width, quality)} {original.ToString(CultureInfo.InvariantCulture)}w");
            break;
        }

        return string.Join(", ", entries);
    }

    /// <summary>The smallest allowed width at or above <paramref name="width"/> (the largest when none is).</summary>
    public int NearestWidth(int width) => ImageWidths.FirstOrDefault(w => w >= width, ImageWidths[^1]);

    /// <summary>The video's URL, with its format as the extension.</summary>
    public string Video(MediaFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return $"{_origin}/media/videos/{file.Id}/{Address(file)}.{file.Format}";
    }

    /// <summary>The content address in a URL: the SHA-256's first <see cref="AddressLength"/> hex digits.</summary>
    public static string Address(MediaFile file) => file.Sha256[..AddressLength];
}
