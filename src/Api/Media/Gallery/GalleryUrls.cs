namespace Diecast.Api.Media.Gallery;

/// <summary>The gallery's choices on top of <see cref="MediaUrls"/>: which allowed width a request means, and the default one.</summary>
public static class GalleryUrls
{
    /// <summary>
    /// The width <c>url</c> and <c>Product.images</c> give when none is asked for, in CSS pixels × density: a product
    /// page's main picture on a phone at 2× or a desktop column at 1×.
    /// </summary>
    public const int DefaultWidth = 1080;

    /// <summary>
    /// The allowed width nearest to <paramref name="requested"/> (a tie goes to the wider one, so a picture is never
    /// blurrier than asked): the endpoint serves only the widths in <see cref="MediaUrls.ImageWidths"/>, as next/image
    /// serves only its deviceSizes and imageSizes.
    /// </summary>
    public static int NearestWidth(IReadOnlyList<int> allowed, int requested)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var best = allowed[0];
        foreach (var width in allowed)
        {
            var distance = Math.Abs(width - requested);
            var bestDistance = Math.Abs(best - requested);
            if (distance < bestDistance || (distance == bestDistance && width > best))
            {
                best = width;
            }
        }

        return best;
    }

    /// <summary>The URL of <paramref name="file"/> at the allowed width nearest to <paramref name="width"/> (default <see cref="DefaultWidth"/>).</summary>
    public static string Image(MediaUrls urls, MediaFile file, int? width = null, int? quality = null)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var chosen = NearestWidth(urls.ImageWidths, width ?? DefaultWidth);
        return quality is { } q ? urls.Image(file, chosen, q) : urls.Image(file, chosen);
    }
}
