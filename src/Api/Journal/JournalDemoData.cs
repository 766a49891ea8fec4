using Diecast.Api.Data.Seed;

namespace Diecast.Api.Journal;

/// <summary>The demo shop's journal, from DemoData/journal.json.</summary>
internal sealed class JournalDemoData : JsonDemoData<JournalEntry, JournalDemoData.JournalEntrySeed>
{
    protected override string FileName => "journal.json";

    protected override string Plural => "journal entries";

    protected override Task<List<JournalEntry>> ToEntitiesAsync(DiecastDbContext db, List<JournalEntrySeed> rows, CancellationToken cancellationToken) =>
        Task.FromResult(rows.ConvertAll(j => j.ToJournalEntry()));

    internal sealed record JournalEntrySeed(
        string Slug, string Title, string Excerpt, string Body, string? CoverImage, List<string> Tags, bool Published, DateTime? PublishedAt, string Author)
    {
        public JournalEntry ToJournalEntry() => new()
        {
            Slug = Slug,
            Title = Title,
            Excerpt = Excerpt,
            Body = Body,
            CoverImage = CoverImage,
            Tags = Tags,
            IsPublished = Published,
            PublishedAt = PublishedAt?.ToUniversalTime(),
            Author = Author,
        };
    }
}
