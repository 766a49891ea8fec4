using Ganss.Xss;
using Markdig;

namespace Diecast.Api.Journal;

/// <summary>
/// The journal's Markdown as HTML that a storefront can embed as is: raw HTML in the Markdown is not passed through,
/// and the output is sanitized again (scripts, event handlers, javascript: links and the like removed), so neither
/// a careless paste nor a stolen admin token turns the journal into a script host.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToHtml(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        // Markdig's tables, task lists and heading anchors use these.
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        return sanitizer;
    }
}
