using System.Text.RegularExpressions;
using Diecast.GraphQL.Client;
using Diecast.Storefront.Components;
using Diecast.Storefront.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages.Journal;

/// <summary>
/// A journal entry, <c>/journal/{slug}</c>. Its <c>bodyHtml</c> is written as is: the API renders the Markdown with raw
/// HTML disabled and sanitizes the result (Ganss.Xss, https and mailto links only; see the API's MarkdownRenderer).
/// An unknown slug, or a draft's (the API answers null for both), is a 404.
/// </summary>
public sealed partial class EntryModel(IDiecastClient client, SiteUrls urls, ILogger<EntryModel> logger) : PageModel
{
    public IJournalEntryBySlug_JournalEntryBySlug? Entry { get; private set; }

    public Breadcrumbs Crumbs { get; private set; } = Breadcrumbs.Of(new Crumb("Journal", JournalUrl.Path));

    public bool Unavailable { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (slug is { Length: <= 120 } && SlugCase.LowerCaseOf(slug, SlugPattern()) is { } lower)
        {
            return RedirectPermanent(JournalUrl.Entry(lower) + Request.QueryString);
        }

        // Slugs are lower-case words and hyphens (the API's rule); anything else cannot be an entry.
        if (slug is not { Length: <= 120 } || !SlugPattern().IsMatch(slug))
        {
            return NotFound();
        }

        var result = await client.JournalEntryBySlug.ExecuteAsync(slug, cancellationToken);
        if (result.IsErrorResult())
        {
            logger.LogWarning("Journal entry {Slug} could not be loaded: {Errors}", slug, string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Message}")));
            Unavailable = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        if (result.Data?.JournalEntryBySlug is not { } entry)
        {
            return NotFound();
        }

        Entry = entry;
        var path = JournalUrl.Entry(entry.Slug);
        Crumbs = Breadcrumbs.Of(new Crumb("Journal", JournalUrl.Path), new Crumb(entry.Title, path));
        var image = entry.CoverImage is { } cover ? urls.Absolute(Request, cover) : null;
        ViewData.SetPageMeta(new PageMeta
        {
            Title = entry.Title,
            Description = entry.Excerpt,
            CanonicalPath = path,
            OgImage = entry.CoverImage,
            OgType = "article",
            JsonLd = [JournalJsonLd.BlogPosting(entry, urls.Absolute(Request, path), image, urls.Origin(Request)), Crumbs.ToJsonLd(urls, Request)],
        });
        return Page();
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SlugPattern();
}
