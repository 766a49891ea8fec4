using Diecast.Api.Media;
using Diecast.Api.Security;
using Diecast.GraphQL.Querying.Projections;
using Diecast.GraphQL.Server.Resolvers;

namespace Diecast.Api.Journal;

public sealed class JournalEntryGraphType : EntityNodeGraphType<JournalEntry>
{
    public const string TypeName = "JournalEntry";

    public JournalEntryGraphType()
        : base(TypeName, "A post in the shop's journal.", "The entry's global ID.", e => e.Id)
    {
        Field(e => e.Slug).Description("URL-safe unique name, used in the storefront's address for the entry.");
        Field(e => e.Title).Description("The entry's title.");
        Field(e => e.Excerpt).Description("A sentence or two that introduces the entry.");
        Field(e => e.Body).Description("The entry in Markdown.");
        Field<NonNullGraphType<StringGraphType>>("bodyHtml")
            .Description("The entry rendered to sanitized HTML, safe to embed as is.")
            .Projects(nameof(JournalEntry.Body))
            .ResolveWith((JournalEntry entry, MarkdownRenderer markdown) => markdown.ToHtml(entry.Body));
        Field<StringGraphType>("coverImage")
            .Description("Absolute URL of the cover picture.")
            .Projects(nameof(JournalEntry.CoverImage))
            // Demo covers are stored as paths on the image endpoint; they are given on Media__PublicBaseUrl, as gallery URLs are.
            .Resolve(context => context.Source.CoverImage is { } cover ? ResolverDependencies.Shared<MediaUrls>(context).Absolute(cover) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("Lower-case tags.").Resolve(context => context.Source.Tags);
        Field(e => e.PublishedAt, nullable: true).Description("When the entry was published (UTC).");
        Field(e => e.Author).Description("Who wrote the entry.");
        Field(e => e.UpdatedAt).Description("When the entry last changed (UTC).");
        Field(e => e.IsPublished).Description("Whether the public can read it; false for drafts.");
        Field<NonNullGraphType<LongGraphType>>("version")
            .Description("Changes whenever the entry changes: send it back with updateJournalEntry, so a concurrent edit is refused rather than lost. Admins only.")
            .Projects(nameof(JournalEntry.Version))
            .Resolve(context => (long)context.Source.Version)
            .RequireAdmin();
    }

    /// <summary>Published entries for everyone, drafts too for admins.</summary>
    protected override IQueryable<JournalEntry> Find(DiecastDbContext db, int[] ids, IResolveFieldContext context)
    {
        var isAdmin = context.User.IsAdmin();
        return db.JournalEntries.Where(e => ids.Contains(e.Id) && (e.IsPublished || isAdmin));
    }
}
