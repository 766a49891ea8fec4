using Diecast.Api.Catalog;
using GraphQL.Types;

namespace Diecast.Api.GraphQL;

/// <summary>The mutation root: each feature adds its own fields, in HotChocolate's mutation conventions.</summary>
public sealed class Mutation : ObjectGraphType
{
    public Mutation()
    {
        Name = "Mutation";
        Description = "Writes: the admins' catalog changes.";
        this.AddProductMutations();
    }
}
