namespace Diecast.Api.Journal;

/// <summary>A post in the shop's journal (its blog).</summary>
public sealed class JournalEntry : IEditableEntity
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public required string Excerpt { get; set; }

    /// <summary>The post in Markdown.</summary>
    public required string Body { get; set; }

    public string? CoverImage { get; set; }

    /// <summary>Lower-case tags; a native text[].</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Drafts are visible to admins only.</summary>
    public bool IsPublished { get; set; }

    public DateTime? PublishedAt { get; set; }

    public required string Author { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public uint Version { get; set; }
}
