using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diecast.Api.Journal;

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("journal_entries", table =>
            table.HasCheckConstraint("ck_journal_entries_published_has_date", "NOT is_published OR published_at IS NOT NULL"));

        builder.Property(e => e.Slug).HasMaxLength(120);
        builder.Property(e => e.Title).HasMaxLength(200);
        builder.Property(e => e.Excerpt).HasMaxLength(1000);
        builder.Property(e => e.Body).HasMaxLength(100_000);
        builder.Property(e => e.CoverImage).HasMaxLength(500);
        builder.Property(e => e.Author).HasMaxLength(120);
        builder.Property(e => e.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(e => e.UpdatedAt).HasDefaultValueSql("now()");
        builder.Property(e => e.Version).IsRowVersion();

        builder.HasIndex(e => e.Slug).IsUnique();
        // The public list: published entries, newest first.
        builder.HasIndex(e => new { e.PublishedAt, e.Id }).HasFilter("is_published");
        builder.HasIndex(e => e.Tags).HasMethod("gin");
    }
}
