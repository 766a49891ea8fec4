using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Diecast.Storefront.Components;

/// <summary>
/// <c>&lt;price amount="@product.Price" /&gt;</c>: a data element whose text is the price as shoppers read it (₹1,29,999)
/// and whose value is the machine-readable amount in rupees.
/// </summary>
[HtmlTargetElement("price", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PriceTagHelper : TagHelper
{
    public decimal Amount { get; set; }

    public string? Class { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "data";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("value", Amount.ToString("0.00", CultureInfo.InvariantCulture));
        if (Class is not null)
        {
            output.Attributes.SetAttribute("class", Class);
        }

        output.Content.SetContent(Money.Format(Amount));
    }
}
