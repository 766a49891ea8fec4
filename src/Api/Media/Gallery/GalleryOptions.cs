using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Media.Gallery;

/// <summary>The product gallery's settings, in the <c>Media</c> section beside the media module's own.</summary>
public sealed class GalleryOptions
{
    public const string Section = "Media";

    /// <summary>The most pictures one product may have (<c>Media__MaxImagesPerProduct</c>); an upload beyond it is a TooManyImagesError.</summary>
    [Range(1, 100)]
    public int MaxImagesPerProduct { get; set; } = 12;
}

/// <summary>The gallery's limits, from its settings and the media module's: one service for the mutations to ask.</summary>
public sealed class GalleryRules(IOptions<GalleryOptions> gallery, IOptions<MediaOptions> media)
{
    /// <summary>The most pictures one product may have (<c>Media__MaxImagesPerProduct</c>).</summary>
    public int MaxImagesPerProduct => gallery.Value.MaxImagesPerProduct;

    /// <summary>The longest alt text (<c>Media__MaxAltLength</c>).</summary>
    public int MaxAltLength => media.Value.MaxAltLength;

    /// <summary><see cref="AltText.Check"/> with this instance's length limit.</summary>
    public (string? Alt, ValidationError? Error) CheckAlt(string? alt) => AltText.Check(alt, MaxAltLength);
}
