using Diecast.Api.Data;
using Diecast.Api.Security;
using Diecast.GraphQL.Server.Mutations;
using Diecast.GraphQL.Server.Relay;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.Journal;

/// <summary>The journal's admin mutations: write, edit, publish, take back and delete entries.</summary>
public static class JournalMutations
{
    private const string Thing = "journal entry";
    private const string SlugIndex = "ix_journal_entries_slug";
    private const string Result = "journalEntry";

    public static void AddJournalMutations(this ObjectGraphType mutation)
    {
        mutation.AdminMutation<CreateJournalEntryInputGraphType, JournalEntryGraphType>(
            "createJournalEntry", Result, "Writes a new journal entry as a draft.",
            [typeof(ValidationErrorGraphType)], CreateAsync);

        mutation.AdminMutation<UpdateJournalEntryInputGraphType, JournalEntryGraphType>(
            "updateJournalEntry", Result, "Changes an entry. Send the version you read: a concurrent change is refused, not overwritten.",
            [typeof(ValidationErrorGraphType), typeof(NotFoundErrorGraphType), typeof(ConcurrentEditErrorGraphType)], UpdateAsync);

        mutation.AdminMutation<PublishJournalEntryInputGraphType, JournalEntryGraphType>(
            "publishJournalEntry", Result, "Makes an entry public; it keeps its first publication date. Publishing twice changes nothing.",
            [typeof(ValidationErrorGraphType), typeof(NotFoundErrorGraphType)], context => SetPublishedAsync(context, published: true));

        mutation.AdminMutation<UnpublishJournalEntryInputGraphType, JournalEntryGraphType>(
            "unpublishJournalEntry", Result, "Takes an entry back to draft: the public no longer sees it.",
            [typeof(ValidationErrorGraphType), typeof(NotFoundErrorGraphType)], context => SetPublishedAsync(context, published: false));

        mutation.AdminMutation<DeleteJournalEntryInputGraphType, JournalEntryGraphType>(
            "deleteJournalEntry", Result, "Deletes an entry for good; the payload holds it as it was.",
            [typeof(ValidationErrorGraphType), typeof(NotFoundErrorGraphType)], DeleteAsync);
    }

    private static async Task<MutationResult> CreateAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<CreateJournalEntryInput>(MutationConventions.InputArgument);
        var validation = await new CreateJournalEntryInputValidator().ValidateAsync(input, context.CancellationToken);
        if (!validation.IsValid)
        {
            return MutationResult.Invalid(validation);
        }

        await using var db = await context.CreateDbContextAsync();
        if (await SlugTakenAsync(db, input.Slug, exceptId: null, context.CancellationToken))
        {
            return MutationResult.SlugTaken(Thing, input.Slug);
        }

        var entry = new JournalEntry
        {
            Slug = input.Slug,
            Title = input.Title,
            Excerpt = input.Excerpt,
            Body = input.Body,
            CoverImage = input.CoverImage,
            Tags = input.Tags,
            Author = input.Author,
        };
        db.JournalEntries.Add(entry);
        return await SaveAsync(db, entry, context.CancellationToken);
    }

    private static async Task<MutationResult> UpdateAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<UpdateJournalEntryInput>(MutationConventions.InputArgument);
        if (!NodeId.TryDecodeInt(input.Id, JournalEntryGraphType.TypeName, out var id))
        {
            return MutationResult.NotAnId(Thing);
        }

        var validation = await new UpdateJournalEntryInputValidator().ValidateAsync(input, context.CancellationToken);
        if (!validation.IsValid)
        {
            return MutationResult.Invalid(validation);
        }

        await using var db = await context.CreateDbContextAsync();
        var entry = await db.JournalEntries.AsTracking().FirstOrDefaultAsync(e => e.Id == id, context.CancellationToken);
        if (entry is null)
        {
            return MutationResult.NotFound(Thing, input.Id);
        }

        if (entry.Version != input.Version)
        {
            return MutationResult.Conflict(Thing, input.Id);
        }

        if (input.Slug is { } slug && slug != entry.Slug && await SlugTakenAsync(db, slug, entry.Id, context.CancellationToken))
        {
            return MutationResult.SlugTaken(Thing, slug);
        }

        entry.Slug = input.Slug ?? entry.Slug;
        entry.Title = input.Title ?? entry.Title;
        entry.Excerpt = input.Excerpt ?? entry.Excerpt;
        entry.Body = input.Body ?? entry.Body;
        entry.CoverImage = input.ClearCoverImage ? null : input.CoverImage ?? entry.CoverImage;
        entry.Tags = input.Tags ?? entry.Tags;
        entry.Author = input.Author ?? entry.Author;
        return await SaveAsync(db, entry, context.CancellationToken);
    }

    private static async Task<MutationResult> SetPublishedAsync(IResolveFieldContext context, bool published)
    {
        var (db, entry, failure) = await FindAsync(context);
        await using (db)
        {
            if (failure is not null)
            {
                return failure;
            }

            if (entry!.IsPublished == published)
            {
                return MutationResult.Success(entry);
            }

            entry.IsPublished = published;
            entry.PublishedAt ??= DatabaseTime.UtcNow();
            return await SaveAsync(db, entry, context.CancellationToken);
        }
    }

    private static async Task<MutationResult> DeleteAsync(IResolveFieldContext context)
    {
        var (db, entry, failure) = await FindAsync(context);
        await using (db)
        {
            if (failure is not null)
            {
                return failure;
            }

            db.JournalEntries.Remove(entry!);
            await WriteOutcomeUnknownException.GuardAsync(() => db.SaveChangesAsync(context.CancellationToken));
            return MutationResult.Success(entry!);
        }
    }

    /// <summary>The tracked entry the input's id names, or the error that says why there is none.</summary>
    private static async Task<(DiecastDbContext Db, JournalEntry? Entry, MutationResult? Failure)> FindAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<JournalEntryIdInput>(MutationConventions.InputArgument);
        var db = await context.CreateDbContextAsync();
        if (!NodeId.TryDecodeInt(input.Id, JournalEntryGraphType.TypeName, out var id))
        {
            return (db, null, MutationResult.NotAnId(Thing));
        }

        var entry = await db.JournalEntries.AsTracking().FirstOrDefaultAsync(e => e.Id == id, context.CancellationToken);
        return (db, entry, entry is null ? MutationResult.NotFound(Thing, input.Id) : null);
    }

    private static Task<MutationResult> SaveAsync(DiecastDbContext db, JournalEntry entry, CancellationToken cancellationToken) =>
        db.SaveOrReportAsync(entry, Thing, () => NodeId.Encode(JournalEntryGraphType.TypeName, entry.Id), entry.Slug, SlugIndex, cancellationToken);

    private static Task<bool> SlugTakenAsync(DiecastDbContext db, string slug, int? exceptId, CancellationToken cancellationToken) =>
        db.JournalEntries.AnyAsync(e => e.Slug == slug && e.Id != exceptId, cancellationToken);
}
