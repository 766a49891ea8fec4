using Diecast.Api.Catalog;
using Diecast.Api.Journal;
using GraphQL.Types;

namespace Diecast.Api.GraphQL;

/// <summary>The mutation root: each feature adds its own fields, in HotChocolate's mutation conventions.</summary>
public sealed class Mutation : ObjectGraphType
{
    public Mutation()
    {
        Name = "Mutation";
        Description = "Writes: the admins' catalog and journal changes.";
        this.AddProductMutations();
        this.AddJournalMutations();
    }
}
