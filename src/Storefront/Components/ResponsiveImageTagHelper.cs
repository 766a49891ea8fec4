using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Diecast.Storefront.Components;

/// <summary>
/// <c>&lt;responsive-image image="@picture" sizes="(min-width: 64rem) 25vw, 50vw" /&gt;</c>: an img element with the
/// API's srcset, a sizes attribute, the intrinsic width and height (so nothing shifts when it loads) and lazy loading.
/// The page's largest picture (the LCP element) says <c>priority="true"</c>: it loads eagerly with
/// <c>fetchpriority="high"</c> instead. Pictures that are not product pictures (a journal cover, a plain URL) pass
/// <c>src</c>, <c>width</c>, <c>height</c> and <c>alt</c> instead of <c>image</c>.
/// </summary>
[HtmlTargetElement("responsive-image", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ResponsiveImageTagHelper : TagHelper
{
    /// <summary>The default sizes: a card in a grid of up to four columns.</summary>
    public const string GridSizes = "(min-width: 80rem) 20rem, (min-width: 64rem) 25vw, (min-width: 40rem) 50vw, 100vw";

    public IResponsiveImage? Image { get; set; }

    public string? Src { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    public string? Alt { get; set; }

    public string Sizes { get; set; } = GridSizes;

    /// <summary>The page's largest image, visible without scrolling: eager and fetched first.</summary>
    public bool Priority { get; set; }

    public string? Class { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "img";
        output.TagMode = TagMode.SelfClosing;

        var src = Image?.Url ?? Src;
        if (string.IsNullOrEmpty(src))
        {
            output.SuppressOutput();
            return;
        }

        output.Attributes.SetAttribute("src", src);
        if (Image is { SrcSet.Length: > 0 } image)
        {
            output.Attributes.SetAttribute("srcset", image.SrcSet);
            output.Attributes.SetAttribute("sizes", Sizes);
        }

        // alt is always present: an empty one marks a decorative picture, a missing one fails accessibility checks.
        output.Attributes.SetAttribute("alt", Image?.Alt ?? Alt ?? "");
        if ((Image?.Width ?? Width) is { } width && (Image?.Height ?? Height) is { } height)
        {
            output.Attributes.SetAttribute("width", width);
            output.Attributes.SetAttribute("height", height);
        }

        if (Priority)
        {
            output.Attributes.SetAttribute("fetchpriority", "high");
        }
        else
        {
            output.Attributes.SetAttribute("loading", "lazy");
        }

        output.Attributes.SetAttribute("decoding", "async");
        if (Class is not null)
        {
            output.Attributes.SetAttribute("class", Class);
        }
    }
}
