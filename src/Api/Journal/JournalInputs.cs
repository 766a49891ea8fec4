namespace Diecast.Api.Journal;

/// <summary>A new journal entry; it starts as a draft.</summary>
public sealed class CreateJournalEntryInput
{
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public string Body { get; init; } = "";
    public string? CoverImage { get; init; }
    public List<string> Tags { get; init; } = [];
    public string Author { get; init; } = "";
}

/// <summary>Changes to an entry: fields left out stay as they are.</summary>
public sealed class UpdateJournalEntryInput : UpdateInput, IVersionedUpdateInput
{
    public string Id { get; init; } = "";
    public long Version { get; init; }
    public string? Slug { get; init; }
    public string? Title { get; init; }
    public string? Excerpt { get; init; }
    public string? Body { get; init; }
    public string? CoverImage { get; init; }
    public List<string>? Tags { get; init; }
    public string? Author { get; init; }
}

/// <summary>The entry that publishJournalEntry, unpublishJournalEntry or deleteJournalEntry acts on.</summary>
public sealed class JournalEntryIdInput
{
    public string Id { get; init; } = "";
}

public sealed class CreateJournalEntryInputGraphType : InputObjectGraphType<CreateJournalEntryInput>
{
    public CreateJournalEntryInputGraphType()
    {
        Name = "CreateJournalEntryInput";
        Description = "A new journal entry; it starts as a draft.";
        Field(i => i.Slug).Description("URL-safe, unique: lower-case letters, digits and single hyphens.");
        Field(i => i.Title).Description("The title.");
        Field(i => i.Excerpt).Description("A sentence or two that introduces the entry.");
        Field(i => i.Body).Description("The entry in Markdown (raw HTML is not rendered).");
        Field(i => i.CoverImage, nullable: true).Description("An absolute https image URL.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("Lower-case tags.");
        Field(i => i.Author).Description("Who wrote it.");
    }
}

public sealed class UpdateJournalEntryInputGraphType : UpdateInputGraphType<UpdateJournalEntryInput>
{
    public UpdateJournalEntryInputGraphType()
    {
        Name = "UpdateJournalEntryInput";
        Description = "Changes to a journal entry; fields left out stay as they are.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The entry's global ID.");
        Field<NonNullGraphType<LongGraphType>>("version").Description("The entry's version as you read it; a concurrent change makes this a ConcurrentEditError.");
        Field<StringGraphType>("slug").Description("URL-safe, unique.");
        Field<StringGraphType>("title").Description("The title.");
        Field<StringGraphType>("excerpt").Description("A sentence or two that introduces the entry.");
        Field<StringGraphType>("body").Description("The entry in Markdown.");
        Field<StringGraphType>("coverImage").Description("An absolute https image URL; null removes it.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags").Description("Replaces the tags.");
        Field<StringGraphType>("author").Description("Who wrote it.");
    }
}

/// <summary>The <c>{Mutation}Input</c> of the mutations that only name an entry (HotChocolate names each input after its mutation).</summary>
public abstract class JournalEntryIdInputGraphType : InputObjectGraphType<JournalEntryIdInput>
{
    protected JournalEntryIdInputGraphType(string name, string description)
    {
        Name = name;
        Description = description;
        Field<NonNullGraphType<IdGraphType>>("id").Description("The entry's global ID.");
    }
}

public sealed class PublishJournalEntryInputGraphType() : JournalEntryIdInputGraphType("PublishJournalEntryInput", "The entry to publish.");

public sealed class UnpublishJournalEntryInputGraphType() : JournalEntryIdInputGraphType("UnpublishJournalEntryInput", "The entry to take back to draft.");

public sealed class DeleteJournalEntryInputGraphType() : JournalEntryIdInputGraphType("DeleteJournalEntryInput", "The entry to delete.");
