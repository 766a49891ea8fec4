using Diecast.Api.Catalog;
using Diecast.Api.Journal;
using Diecast.Api.Orders;
using GraphQL.Types;

namespace Diecast.Api.GraphQL;

/// <summary>The mutation root: each feature adds its own fields, in HotChocolate's mutation conventions.</summary>
public sealed class Mutation : ObjectGraphType
{
    public Mutation()
    {
        Name = "Mutation";
        Description = "Writes: the admins' catalog, journal and order changes.";
        this.AddProductMutations();
        this.AddJournalMutations();
        this.AddOrderMutations();
    }
}
