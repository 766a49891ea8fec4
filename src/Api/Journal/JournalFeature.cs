using Diecast.Api.Data.Seed;
using Diecast.Api.GraphQL;
using FluentValidation;

namespace Diecast.Api.Journal;

/// <summary>The shop's journal: entries in Markdown, drafts and published.</summary>
public static class JournalFeature
{
    public static IServiceCollection AddJournal(this IServiceCollection services)
    {
        services.AddQueryFields(query => query.AddJournalQueries());
        services.AddMutationFields(mutation => mutation.AddJournalMutations());
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<IValidator<CreateJournalEntryInput>, CreateJournalEntryInputValidator>();
        services.AddSingleton<IValidator<UpdateJournalEntryInput>, UpdateJournalEntryInputValidator>();
        services.AddDemoData<JournalDemoData>();
        return services;
    }

    extension(DiecastDbContext db)
    {
        public DbSet<JournalEntry> JournalEntries => db.Set<JournalEntry>();
    }
}
