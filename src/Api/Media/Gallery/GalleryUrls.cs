namespace Diecast.Api.Media.Gallery;

/// <summary>The gallery's choices on top of <see cref="MediaUrls"/>: the width and quality a request means, and the defaults.</summary>
public static class GalleryUrls
{
    /// <summary>
    /// The width <c>url</c> and <c>Product.images</c> give when none is asked for, in pixels: a product page's main
    /// picture on a phone at 2× or a desktop column at 1×.
    /// </summary>
    public const int DefaultWidth = 1080;

    /// <summary>
    /// The URL of <paramref name="file"/> at the smallest allowed width at or above <paramref name="width"/> (default
    /// <see cref="DefaultWidth"/>; the largest allowed when it is above them all), as next/image picks from its
    /// deviceSizes and imageSizes, and at the allowed quality nearest to <paramref name="quality"/> (default
    /// <see cref="MediaOptions.DefaultQuality"/>): the endpoint serves only those, so a client cannot ask for millions of variants.
    /// </summary>
    public static string Image(MediaUrls urls, MediaFile file, int? width = null, int? quality = null)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return urls.Image(file, urls.NearestWidth(width ?? DefaultWidth), NearestQuality(quality));
    }

    /// <summary>A srcset at the allowed quality nearest to <paramref name="quality"/>.</summary>
    public static string SrcSet(MediaUrls urls, MediaFile file, int? quality = null)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return urls.SrcSet(file, NearestQuality(quality));
    }

    /// <summary>The allowed quality nearest to <paramref name="quality"/> (a tie goes to the higher one); the default when null.</summary>
    public static int NearestQuality(int? quality) => quality is { } q
        ? MediaOptions.Qualities.OrderBy(allowed => Math.Abs(allowed - q)).ThenByDescending(allowed => allowed).First()
        : MediaOptions.DefaultQuality;
}
