using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Diecast.Storefront.Components;

/// <summary>
/// <c>&lt;bento-grid&gt;</c> with <c>&lt;bento-tile size="large|wide|tall|small"&gt;</c> children: the home page's mosaic
/// of unequal tiles, one column on a phone, two on a tablet, four on a desktop. Tiles hold anything (a card, a
/// journal teaser, a list of genre links); the grid only lays them out, so reading order stays the markup's order.
/// </summary>
[HtmlTargetElement("bento-grid")]
public sealed class BentoGridTagHelper : TagHelper
{
    public string? Class { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.Attributes.SetAttribute("class",
            "grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:auto-rows-[minmax(12rem,auto)] " + (Class ?? ""));
    }
}

[HtmlTargetElement("bento-tile", ParentTag = "bento-grid")]
public sealed class BentoTileTagHelper : TagHelper
{
    /// <summary>large: 2×2 on a desktop; wide: 2×1; tall: 1×2; small: 1×1.</summary>
    public string Size { get; set; } = "small";

    /// <summary>The element to render: "section" when the tile has its own heading, else "div".</summary>
    public string As { get; set; } = "div";

    public string? Class { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var span = Size switch
        {
            "large" => "sm:col-span-2 lg:row-span-2",
            "wide" => "sm:col-span-2",
            "tall" => "lg:row-span-2",
            _ => "",
        };
        output.TagName = As is "section" or "article" or "li" ? As : "div";
        output.Attributes.SetAttribute("class", $"rounded-[var(--radius-card)] bg-card border border-line overflow-hidden {span} {Class}".TrimEnd());
    }
}
