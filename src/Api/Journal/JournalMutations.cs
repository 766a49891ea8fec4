using Diecast.Api.Security;
using FluentValidation;

namespace Diecast.Api.Journal;

/// <summary>The journal's admin mutations: write, edit, publish, take back and delete entries.</summary>
public static class JournalMutations
{
    private const string PayloadField = "journalEntry";

    private static readonly EditableEntity<JournalEntry> Entries = new()
    {
        DisplayName = "journal entry",
        NodeTypeName = JournalEntryGraphType.TypeName,
        SlugIndex = "ix_journal_entries_slug",
    };

    public static void AddJournalMutations(this ObjectGraphType mutation)
    {
        mutation.AdminMutation<CreateJournalEntryInputGraphType, JournalEntryGraphType>("createJournalEntry")
            .Description("Writes a new journal entry as a draft.")
            .PayloadField(PayloadField)
            .Error<ValidationErrorGraphType>()
            .Resolve<CreateJournalEntryInput, DiecastDbContext, IValidator<CreateJournalEntryInput>>(CreateAsync);

        mutation.AdminMutation<UpdateJournalEntryInputGraphType, JournalEntryGraphType>("updateJournalEntry")
            .Description("Changes an entry. Send the version you read: a concurrent change is refused, not overwritten.")
            .PayloadField(PayloadField)
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Error<ConcurrentEditErrorGraphType>()
            .Resolve<UpdateJournalEntryInput, DiecastDbContext, IValidator<UpdateJournalEntryInput>>(UpdateAsync);

        mutation.AdminMutation<PublishJournalEntryInputGraphType, JournalEntryGraphType>("publishJournalEntry")
            .Description("Makes an entry public; it keeps its first publication date. Publishing twice changes nothing.")
            .PayloadField(PayloadField)
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Resolve<JournalEntryIdInput, DiecastDbContext, TimeProvider>((input, db, time, cancellationToken) => SetPublishedAsync(input, db, time, published: true, cancellationToken));

        mutation.AdminMutation<UnpublishJournalEntryInputGraphType, JournalEntryGraphType>("unpublishJournalEntry")
            .Description("Takes an entry back to draft: the public no longer sees it.")
            .PayloadField(PayloadField)
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Resolve<JournalEntryIdInput, DiecastDbContext, TimeProvider>((input, db, time, cancellationToken) => SetPublishedAsync(input, db, time, published: false, cancellationToken));

        mutation.AdminMutation<DeleteJournalEntryInputGraphType, JournalEntryGraphType>("deleteJournalEntry")
            .Description("Deletes an entry for good; the payload holds it as it was.")
            .PayloadField(PayloadField)
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Resolve<JournalEntryIdInput, DiecastDbContext>(DeleteAsync);
    }

    private static Task<MutationResult> CreateAsync(CreateJournalEntryInput input, DiecastDbContext db, IValidator<CreateJournalEntryInput> validator, CancellationToken cancellationToken) =>
        Entries.CreateAsync(db, input, input.Slug, validator, input => new JournalEntry
        {
            Slug = input.Slug,
            Title = input.Title,
            Excerpt = input.Excerpt,
            Body = input.Body,
            CoverImage = input.CoverImage,
            Tags = input.Tags,
            Author = input.Author,
        }, cancellationToken);

    private static Task<MutationResult> UpdateAsync(UpdateJournalEntryInput input, DiecastDbContext db, IValidator<UpdateJournalEntryInput> validator, CancellationToken cancellationToken) =>
        Entries.UpdateAsync(db, input, validator, entry =>
        {
            entry.Slug = input.Slug ?? entry.Slug;
            entry.Title = input.Title ?? entry.Title;
            entry.Excerpt = input.Excerpt ?? entry.Excerpt;
            entry.Body = input.Body ?? entry.Body;
            entry.CoverImage = input.Clearable("coverImage", input.CoverImage, entry.CoverImage);
            entry.Tags = input.Tags ?? entry.Tags;
            entry.Author = input.Author ?? entry.Author;
        }, cancellationToken);

    private static async Task<MutationResult> SetPublishedAsync(JournalEntryIdInput input, DiecastDbContext db, TimeProvider time, bool published, CancellationToken cancellationToken)
    {
        var (entry, failure) = await Entries.FindAsync(db, input.Id, cancellationToken);
        if (entry is null)
        {
            return failure!;
        }

        if (entry.IsPublished == published)
        {
            return MutationResult.Success(entry);
        }

        entry.IsPublished = published;
        entry.PublishedAt ??= time.GetDatabaseUtcNow();
        return await Entries.SaveAsync(db, entry, input.Id, cancellationToken);
    }

    private static async Task<MutationResult> DeleteAsync(JournalEntryIdInput input, DiecastDbContext db, CancellationToken cancellationToken)
    {
        var (entry, failure) = await Entries.FindAsync(db, input.Id, cancellationToken);
        if (entry is null)
        {
            return failure!;
        }

        db.JournalEntries.Remove(entry);
        await WriteOutcomeUnknownException.GuardAsync(() => db.SaveChangesAsync(cancellationToken));
        return MutationResult.Success(entry);
    }
}
