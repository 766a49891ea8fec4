using System.Text.Json;
using AngleSharp.Dom;

namespace Diecast.Storefront.Tests.Infrastructure;

/// <summary>Checks every page test makes the same way: headings, JSON-LD, images.</summary>
public static class PageAssertions
{
    /// <summary>One h1, first; no heading skips a level going down (h2 → h4), as screen-reader users navigate by them.</summary>
    public static void HeadingsAreInOrder(IDocument document)
    {
        var levels = document.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName[1] - '0').ToList();
        Assert.NotEmpty(levels);
        Assert.Equal(1, levels[0]);
        Assert.Equal(1, levels.Count(l => l == 1));
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"Heading {i} is h{levels[i]} after h{levels[i - 1]}: {string.Join(" ", levels.Select(l => "h" + l))}");
        }
    }

    /// <summary>The page's JSON-LD blocks, each parsed (a block that is not JSON fails the test).</summary>
    public static IReadOnlyList<JsonElement> JsonLd(IDocument document) =>
        document.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement.Clone())
            .ToList();

    public static JsonElement JsonLdOfType(IDocument document, string type) =>
        Assert.Single(JsonLd(document), block => block.GetProperty("@type").GetString() == type);

    /// <summary>
    /// Every img has alt text (possibly empty), intrinsic width and height; at most one is fetched with high priority
    /// (and is not lazy); every other one is lazy.
    /// </summary>
    public static void ImagesAreSized(IDocument document)
    {
        var images = document.QuerySelectorAll("img").ToList();
        foreach (var img in images)
        {
            Assert.True(img.HasAttribute("alt"), $"{img.OuterHtml} has no alt");
            Assert.True(int.TryParse(img.GetAttribute("width"), out var w) && w > 0, $"{img.OuterHtml} has no width");
            Assert.True(int.TryParse(img.GetAttribute("height"), out var h) && h > 0, $"{img.OuterHtml} has no height");
            var priority = img.GetAttribute("fetchpriority") == "high";
            Assert.True(priority != (img.GetAttribute("loading") == "lazy"), $"{img.OuterHtml}: either high priority or lazy");
        }

        Assert.True(images.Count(i => i.GetAttribute("fetchpriority") == "high") <= 1, "More than one image has fetchpriority=high");
    }

    public static string? Meta(IDocument document, string selector, string attribute = "content") =>
        document.Head!.QuerySelector(selector)?.GetAttribute(attribute);
}
