using System.Net;
using System.Text.Json;
using AngleSharp;
using Diecast.Storefront.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Diecast.Storefront.Tests.Pages.Journal;

/// <summary>The journal on the demo shop, which has five published entries and one draft ("how-pre-orders-work").</summary>
[Collection(ShopCollection.Name)]
public sealed class JournalPageTests(ShopFixture shop)
{
    private const string Draft = "how-pre-orders-work";

    [Fact]
    public async Task The_journal_lists_published_entries_newest_first_and_never_the_draft()
    {
        var page = await shop.GetPageAsync("/journal");
        var data = await shop.QueryAsync("{ journalEntries(first: 50) { nodes { slug } } }");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var links = Entries(page);
        Assert.Equal(data.GetProperty("journalEntries").GetProperty("nodes").EnumerateArray().Select(n => "/journal/" + n.GetProperty("slug").GetString()), links);
        Assert.Equal(5, links.Count);
        Assert.DoesNotContain($"/journal/{Draft}", page.Html, StringComparison.Ordinal);
        // Covers reserve their space and load lazily below the first.
        var covers = page.Document.QuerySelectorAll("main img").ToList();
        Assert.NotEmpty(covers);
        Assert.All(covers, img => Assert.Equal(("1600", "900"), (img.GetAttribute("width"), img.GetAttribute("height"))));
        Assert.All(covers.Skip(1), img => Assert.Equal("lazy", img.GetAttribute("loading")));
        Assert.Contains(" 828w", covers[0].GetAttribute("srcset"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_narrows_the_list_to_its_entries()
    {
        var page = await shop.GetPageAsync("/journal?tag=rally");

        Assert.Equal(["/journal/maruti-gypsy-rally-legend"], Entries(page));
        Assert.Equal("Journal: rally", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("https://shop.example/journal?tag=rally", page.Document.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));

        var beginners = await shop.GetPageAsync("/journal?tag=beginners");
        Assert.Equal(2, Entries(beginners).Count);
    }

    [Theory]
    [InlineData("help")] // only the draft has it
    [InlineData("nonexistent")]
    [InlineData("rally-")] // not even a tag's spelling: ignored, and said (a 200 of every entry)
    public async Task A_tag_no_published_entry_has_is_a_404_not_an_empty_page(string tag)
    {
        var page = await shop.GetPageAsync("/journal?tag=" + tag);

        if (tag.EndsWith('-'))
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("not a tag we use", page.Document.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
            return;
        }

        // Not a soft 404: the error page, kept out of search engines and cached only briefly.
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("noindex", page.Document.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Equal("public, max-age=60, s-maxage=60", page.Response.Headers.CacheControl!.ToString());
        Assert.DoesNotContain(Draft, page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_slug_in_capitals_is_sent_on_to_the_lower_case_address()
    {
        foreach (var (path, location) in new[]
        {
            ("/journal/Maruti-Gypsy-Rally-Legend", "/journal/maruti-gypsy-rally-legend"),
            ("/journal/MARUTI-GYPSY-RALLY-LEGEND?utm_source=mail", "/journal/maruti-gypsy-rally-legend?utm_source=mail"),
        })
        {
            var page = await shop.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.MovedPermanently, page.Status);
            Assert.Equal(location, page.Response.Headers.Location!.OriginalString);
        }

        // What lower-case letters do not make a slug of stays a 404 (no redirect to another spelling of nothing).
        Assert.Equal(HttpStatusCode.NotFound, (await shop.GetPageAsync("/journal/Maruti_Gypsy")).Status);
    }

    [Fact]
    public async Task An_entry_renders_its_sanitized_body_cover_date_tags_and_structured_data()
    {
        var page = await shop.GetPageAsync("/journal/maruti-gypsy-rally-legend");
        var entry = (await shop.QueryAsync("{ journalEntryBySlug(slug: \"maruti-gypsy-rally-legend\") { title bodyHtml tags publishedAt } }")).GetProperty("journalEntryBySlug");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(entry.GetProperty("title").GetString(), page.Document.QuerySelector("h1")!.TextContent.Trim());
        // The API's HTML, as it came: headings and paragraphs of the Markdown are elements, not escaped text.
        var body = page.Document.QuerySelector("main .prose")!;
        Assert.NotEmpty(body.QuerySelectorAll("h2"));
        Assert.Contains(body.InnerHtml.Trim()[..40], entry.GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("main script"));
        var cover = page.Document.QuerySelector("main header img")!;
        Assert.Equal("high", cover.GetAttribute("fetchpriority"));
        Assert.NotNull(cover.GetAttribute("width"));
        var time = page.Document.QuerySelector("main header time")!;
        Assert.Equal(entry.GetProperty("publishedAt").GetDateTimeOffset().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), time.GetAttribute("datetime"));
        Assert.Equal(
            entry.GetProperty("tags").EnumerateArray().Select(t => "/journal?tag=" + t.GetString()),
            page.Document.QuerySelectorAll("main footer a").Select(a => a.GetAttribute("href")));

        var blocks = page.Document.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement).ToList();
        var posting = blocks.Single(b => b.GetProperty("@type").GetString() == "BlogPosting");
        Assert.Equal(entry.GetProperty("title").GetString(), posting.GetProperty("headline").GetString());
        Assert.Equal("https://shop.example/journal/maruti-gypsy-rally-legend", posting.GetProperty("url").GetString());
        Assert.StartsWith("http", posting.GetProperty("image").GetString(), StringComparison.Ordinal);
        var crumbs = blocks.Single(b => b.GetProperty("@type").GetString() == "BreadcrumbList").GetProperty("itemListElement").EnumerateArray().ToList();
        Assert.Equal(["Home", "Journal", entry.GetProperty("title").GetString()], crumbs.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("article", page.Document.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
    }

    [Theory]
    [InlineData("/journal/" + Draft)]
    [InlineData("/journal/no-such-entry")]
    [InlineData("/journal/Not%20A%20Slug")]
    [InlineData("/journal/%3Cscript%3E")]
    public async Task A_draft_or_unknown_entry_is_a_404(string path)
    {
        var page = await shop.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("How pre-orders work", page.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/journal?tag=%3Cscript%3E")]
    [InlineData("/journal?tag=")]
    [InlineData("/journal?after=garbage!")]
    [InlineData("/journal?before=CfDJ8QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ")]
    [InlineData("/journal?tag=rally&tag=india")]
    public async Task A_bad_journal_query_string_is_a_journal_page(string url)
    {
        var page = await shop.GetPageAsync(url);
        if (page.Status == HttpStatusCode.MovedPermanently)
        {
            // Empty parameters (EmptyQueryParameters): first the clean address, then the page.
            page = await shop.GetPageAsync(page.Response.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotEmpty(Entries(page));
    }

    [Fact]
    public async Task The_journal_pages_forward_and_back_with_the_APIs_cursors()
    {
        // A storefront showing two entries a page, on the same API and data.
        await using var small = ShopFixture.CreateStorefront(shop.Api, b => b.ConfigureAppConfiguration(c => c.AddInMemoryCollection([new("Storefront:JournalPageSize", "2")])));
        using var client = small.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var first = await GetAsync(client, "/journal");
        var second = await GetAsync(client, first.Next!);
        var third = await GetAsync(client, second.Next!);
        var back = await GetAsync(client, second.Previous!);

        Assert.Equal(2, first.Entries.Count);
        Assert.Null(first.Previous);
        Assert.Equal(2, second.Entries.Count);
        Assert.Single(third.Entries);
        Assert.Null(third.Next);
        Assert.Equal(5, first.Entries.Concat(second.Entries).Concat(third.Entries).Distinct().Count());
        Assert.Equal(first.Entries, back.Entries);
    }

    private static async Task<(List<string> Entries, string? Next, string? Previous)> GetAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var document = await BrowsingContext.New().OpenAsync(r => r.Content(html));
        return (
            [.. document.QuerySelectorAll("main article h2 a").Select(a => a.GetAttribute("href")!)],
            document.QuerySelector("a[rel=next]")?.GetAttribute("href"),
            document.QuerySelector("a[rel=prev]")?.GetAttribute("href"));
    }

    private static List<string> Entries(ShopPage page) =>
        [.. page.Document.QuerySelectorAll("main article h2 a").Select(a => a.GetAttribute("href")!)];
}
