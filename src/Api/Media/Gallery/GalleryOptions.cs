using System.ComponentModel.DataAnnotations;

namespace Diecast.Api.Media.Gallery;

/// <summary>The product gallery's settings, in the <c>Media</c> section beside the media module's own.</summary>
public sealed class GalleryOptions
{
    public const string Section = "Media";

    /// <summary>The most pictures one product may have (<c>Media__MaxImagesPerProduct</c>); an upload beyond it is a TooManyImagesError.</summary>
    [Range(1, 100)]
    public int MaxImagesPerProduct { get; set; } = 12;
}
