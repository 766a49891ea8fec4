using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Diecast.Storefront.Components;

/// <summary>
/// <c>&lt;image-preload image="@picture" sizes="…" /&gt;</c> in a page's <c>Head</c> section: the hints for the page's
/// largest picture (its LCP element), so the browser asks for it while it is still reading the head instead of when it
/// reaches the img. Writes a <c>&lt;link rel="preconnect"&gt;</c> to the picture's origin when that is not the page's
/// own (pictures come from the API's image endpoint, <c>Media__PublicBaseUrl</c>: another origin in every deployment),
/// then <c>&lt;link rel="preload" as="image" imagesrcset imagesizes fetchpriority="high"&gt;</c>. The srcset and sizes
/// must be the img's own (the same <see cref="Sizes"/> the page gives <see cref="ResponsiveImageTagHelper"/>):
/// a preload that differs makes the browser fetch the picture twice. Writes nothing without a picture.
/// </summary>
[HtmlTargetElement("image-preload", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ImagePreloadTagHelper : TagHelper
{
    public IResponsiveImage? Image { get; set; }

    /// <summary>The img's sizes attribute, exactly as the page writes it on the img.</summary>
    public string Sizes { get; set; } = ResponsiveImageTagHelper.GridSizes;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext? ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
        if (Image is not { Url.Length: > 0 } image)
        {
            output.SuppressOutput();
            return;
        }

        if (CrossOrigin(image.Url) is { } origin)
        {
            var preconnect = new TagBuilder("link") { TagRenderMode = TagRenderMode.SelfClosing };
            preconnect.Attributes["rel"] = "preconnect";
            preconnect.Attributes["href"] = origin;
            output.Content.AppendHtml(preconnect);
        }

        var preload = new TagBuilder("link") { TagRenderMode = TagRenderMode.SelfClosing };
        preload.Attributes["rel"] = "preload";
        preload.Attributes["as"] = "image";
        preload.Attributes["href"] = image.Url;
        if (image.SrcSet is { Length: > 0 } srcSet)
        {
            preload.Attributes["imagesrcset"] = srcSet;
            preload.Attributes["imagesizes"] = Sizes;
        }

        preload.Attributes["fetchpriority"] = "high";
        output.Content.AppendHtml(preload);
    }

    /// <summary>The picture's origin (scheme://host[:port]) when it is absolute and not the page's own; else null.</summary>
    private string? CrossOrigin(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var origin = uri.GetLeftPart(UriPartial.Authority);
        var request = ViewContext?.HttpContext.Request;
        var own = request is null ? null : $"{request.Scheme}://{request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ? null : origin;
    }
}
