using Diecast.Api.Data;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.Journal;

public static class JournalQueries
{
    public static void AddJournalQueries(this ObjectGraphType query) =>
        query.Field<JournalEntryGraphType>("journalEntryBySlug")
            .Description("The published journal entry with this slug, or null.")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The entry's slug.")
            .ResolveAsync(async context =>
            {
                var slug = context.GetArgument<string>("slug");
                await using var db = await context.CreateDbContextAsync();
                return await db.JournalEntries.FirstOrDefaultAsync(e => e.Slug == slug && e.IsPublished, context.CancellationToken);
            });
}
