using System.Linq.Expressions;
using Diecast.Api.GraphQL;
using Diecast.Api.Security;
using Diecast.GraphQL.Querying;
using Diecast.GraphQL.Querying.Sorting;
using Diecast.GraphQL.Server.Resolvers;

namespace Diecast.Api.Journal;

public static class JournalQueries
{
    private const string IncludeDrafts = "includeDrafts";

    private static readonly Expression<Func<JournalEntry, DateTime?>> PublishedAt = e => e.PublishedAt;

    public static void AddJournalQueries(this ObjectGraphType query)
    {
        query.Connection<JournalEntryGraphType, JournalEntry>("journalEntries")
            .Description("The shop's published journal entries, newest first unless ordered otherwise; admins may include drafts.")
            .Key(e => e.Id)
            .Filtering<JournalEntryFilterInputGraphType>()
            .Sorting<JournalEntrySortInputGraphType>()
            .Argument<NonNullGraphType<BooleanGraphType>>(IncludeDrafts, "Include unpublished drafts (admins only).", argument =>
            {
                argument.DefaultValue = false;
                argument.RequireAdmin();
            })
            .Refine((_, entries) => new(entries, [new SortKey("publishedAt", PublishedAt, SortDirection.Descending)]))
            .ResolveFromDbContext<DiecastDbContext, bool>(IncludeDrafts, (db, includeDrafts) => includeDrafts ? db.JournalEntries : db.JournalEntries.Where(e => e.IsPublished));

        query.Field<JournalEntryGraphType>("journalEntryBySlug")
            .Description("The published journal entry with this slug, or null.")
            .WithComplexityImpact(DiecastSchema.LookupComplexityImpact)
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The entry's slug.")
            .ResolveWith("slug", (string slug, DiecastDbContext db, CancellationToken cancellationToken) =>
                db.JournalEntries.FirstOrDefaultAsync(e => e.Slug == slug && e.IsPublished, cancellationToken));
    }
}
