using Diecast.GraphQL.Querying.Filtering;

namespace Diecast.Api.Journal;

/// <summary>JournalEntryFilterInput: what clients may filter journal entries on.</summary>
public sealed class JournalEntryFilterInputGraphType : FilterInputGraphType<JournalEntry>
{
    public JournalEntryFilterInputGraphType()
    {
        Name = "JournalEntryFilterInput";
        Filter(e => e.Slug);
        Filter(e => e.Title);
        Filter(e => e.Excerpt);
        Filter(e => e.Tags);
        Filter(e => e.Author);
        Filter(e => e.PublishedAt);
    }
}
