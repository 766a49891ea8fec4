using Diecast.Api.Data;
using Diecast.Api.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.Journal;

/// <summary>The demo shop's journal, from DemoData/journal.json.</summary>
internal sealed class JournalDemoData : IDemoData
{
    public Task<bool> ExistsAsync(DiecastDbContext db, CancellationToken cancellationToken) => db.JournalEntries.AnyAsync(cancellationToken);

    public async Task<string> SeedAsync(DiecastDbContext db, CancellationToken cancellationToken)
    {
        var entries = (await DemoDataFile.ReadAsync<JournalDemoData, JournalEntrySeed>("journal.json", cancellationToken)).Select(j => j.ToJournalEntry()).ToList();
        db.JournalEntries.AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);
        return $"{entries.Count} journal entries";
    }

    private sealed record JournalEntrySeed(
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
