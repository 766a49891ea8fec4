using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Diecast.Storefront.Seo;

/// <summary>Builders for the schema.org JSON-LD the storefront embeds (Product, BreadcrumbList, Organization).</summary>
public static class JsonLd
{
    // The default encoder escapes <, > and & (as \u003C…), so no value can close the script element it sits in.
    private static readonly JsonSerializerOptions ScriptSafe = new() { Encoder = JavaScriptEncoder.Default };

    /// <summary>The text to put inside <c>&lt;script type="application/ld+json"&gt;</c>: safe to embed in HTML.</summary>
    public static string ToScriptText(JsonObject block) => block.ToJsonString(ScriptSafe);

    /// <summary>A BreadcrumbList from the same crumbs the page shows (absolute URLs).</summary>
    public static JsonObject BreadcrumbList(IEnumerable<(string Name, string Url)> crumbs)
    {
        var items = new JsonArray();
        var position = 1;
        foreach (var (name, url) in crumbs)
        {
            items.Add(new JsonObject
            {
                ["@type"] = "ListItem",
                ["position"] = position++,
                ["name"] = name,
                ["item"] = url,
            });
        }

        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "BreadcrumbList",
            ["itemListElement"] = items,
        };
    }

    /// <summary>
    /// A Product with one Offer in INR. No <c>sku</c>: the API has no stock-keeping unit, and neither its opaque GraphQL
    /// ID nor the slug (which an admin may change) is one; schema.org and Google take a product without it.
    /// </summary>
    public static JsonObject Product(
        string name, string url, string brand, string description, IEnumerable<string> images, decimal price, string availability)
    {
        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Product",
            ["name"] = name,
            ["url"] = url,
            ["description"] = description,
            ["image"] = new JsonArray([.. images.Select(i => (JsonNode)i)]),
            ["brand"] = new JsonObject { ["@type"] = "Brand", ["name"] = brand },
            ["offers"] = new JsonObject
            {
                ["@type"] = "Offer",
                ["url"] = url,
                // schema.org's price is a plain number as text: no symbol, no grouping, a dot for decimals.
                ["price"] = price.ToString("0.00", CultureInfo.InvariantCulture),
                ["priceCurrency"] = "INR",
                ["availability"] = availability,
                ["itemCondition"] = "https://schema.org/NewCondition",
            },
        };
    }

    /// <summary>The shop itself (home page).</summary>
    public static JsonObject Organization(string origin) => new()
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "OnlineStore",
        ["name"] = PageMeta.SiteName,
        ["url"] = origin + "/",
        ["description"] = PageMeta.DefaultDescription,
        ["currenciesAccepted"] = "INR",
        ["areaServed"] = "IN",
    };
}
