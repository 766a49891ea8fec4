using System.Text.RegularExpressions;
using Diecast.GraphQL.Client;
using Diecast.Storefront.Components;
using Diecast.Storefront.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages.Journal;

/// <summary>
/// The journal, <c>/journal</c>: published entries newest first, a page at a time (<c>?after=</c>/<c>?before=</c>, the
/// API's cursors), optionally one tag's (<c>?tag=</c>). Drafts never come: the API gives the public published entries only.
/// </summary>
public sealed partial class IndexModel(IDiecastClient client, SiteUrls urls, IConfiguration configuration, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>Entries per page unless <c>Storefront__JournalPageSize</c> says otherwise (1 to 50, the API's most).</summary>
    public const int DefaultPageSize = 12;

    private int PageSize => Math.Clamp(configuration.GetValue("Storefront:JournalPageSize", DefaultPageSize), 1, 50);

    private const string InvalidCursor = "HC0078";

    public IReadOnlyList<IJournalPage_JournalEntries_Nodes> Entries { get; private set; } = [];

    /// <summary>The tag the list is narrowed to, as the journal writes tags (lower-case).</summary>
    public string? Tag { get; private set; }

    public List<string> Notices { get; } = [];

    public string? NextUrl { get; private set; }

    public string? PreviousUrl { get; private set; }

    public bool Unavailable { get; private set; }

    /// <summary>The list's address without cursors.</summary>
    public string CanonicalUrl => JournalUrl.List(Tag);

    public string Heading => Tag is null ? "Journal" : $"Journal: {Tag}";

    public Breadcrumbs Crumbs => Tag is null
        ? Breadcrumbs.Of(new Crumb("Journal", JournalUrl.Path))
        : Breadcrumbs.Of(new Crumb("Journal", JournalUrl.Path), new Crumb(Tag, CanonicalUrl));

    public PagerModel Pager => new(PreviousUrl, NextUrl, "Journal pages");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Tag = ReadTag(First("tag"));
        var after = ReadCursor(First("after"));
        var before = after is null ? ReadCursor(First("before")) : null;

        ViewData.SetPageMeta(new PageMeta
        {
            Title = Heading,
            Description = Tag is null
                ? "The Diecast journal: collecting guides, new releases and stories behind the real cars."
                : $"Diecast journal entries tagged {Tag}.",
            CanonicalPath = CanonicalUrl,
            JsonLd = [Crumbs.ToJsonLd(urls, Request)],
        });

        var result = await LoadAsync(after, before, cancellationToken);
        if (result.Errors.Any(e => e.Code == InvalidCursor))
        {
            Notices.Add("That page link no longer works, so here are the latest entries.");
            result = await LoadAsync(null, null, cancellationToken);
        }

        if (result.IsErrorResult() || result.Data?.JournalEntries is not { } entries)
        {
            logger.LogWarning("The journal could not be loaded: {Errors}", string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Message}")));
            Unavailable = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        Entries = entries.Nodes ?? [];
        if (Tag is not null && Entries.Count == 0 && !entries.PageInfo.HasNextPage && !entries.PageInfo.HasPreviousPage)
        {
            // A tag no published entry has (unknown, or only on drafts): a "no entries" 200 would be a soft 404 that
            // search engines index and caches keep. The 404 page is noindex and cached briefly (CacheHeaders).
            return NotFound();
        }

        if (entries.PageInfo.HasNextPage && entries.PageInfo.EndCursor is { } end)
        {
            NextUrl = JournalUrl.List(Tag, after: end);
        }

        if (entries.PageInfo.HasPreviousPage && entries.PageInfo.StartCursor is { } start)
        {
            PreviousUrl = JournalUrl.List(Tag, before: start);
        }

        return Page();
    }

    private Task<IOperationResult<IJournalPageResult>> LoadAsync(string? after, string? before, CancellationToken cancellationToken) =>
        client.JournalPage.ExecuteAsync(
            first: before is null ? PageSize : null,
            after: after,
            last: before is null ? null : PageSize,
            before: before,
            where: Tag is null ? null : new JournalEntryFilterInput { Tags = new ListStringOperationFilterInput { Some = new StringOperationFilterInput { Eq = Tag } } },
            cancellationToken: cancellationToken);

    private string? First(string name) =>
        Request.Query.TryGetValue(name, out var values) ? values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) : null;

    /// <summary>Tags are lower-case words and hyphens; anything else matches no entry, so it is ignored and said.</summary>
    private string? ReadTag(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var tag = value.Trim().ToLowerInvariant();
        if (TagPattern().IsMatch(tag))
        {
            return tag;
        }

        Notices.Add("That is not a tag we use, so here are all entries.");
        return null;
    }

    private string? ReadCursor(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length <= 2048 && CursorPattern().IsMatch(value))
        {
            return value;
        }

        Notices.Add("That page link does not work (it may be cut short), so here are the latest entries.");
        return null;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[A-Za-z0-9_=+/-]+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CursorPattern();
}
