using Diecast.GraphQL.Querying.Sorting;

namespace Diecast.Api.Journal;

/// <summary>JournalEntrySortInput: newest first by default; the id always breaks ties.</summary>
public sealed class JournalEntrySortInputGraphType : SortInputGraphType<JournalEntry>
{
    public JournalEntrySortInputGraphType()
    {
        Name = "JournalEntrySortInput";
        Sort(e => e.Title);
        Sort(e => e.Author);
        Sort(e => e.PublishedAt);
    }
}
