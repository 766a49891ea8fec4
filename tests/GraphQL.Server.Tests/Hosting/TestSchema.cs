using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.GraphQL.Server.Tests.Hosting;

/// <summary>A schema of the tests' own, with in-memory objects: the server knows nothing of the shop.</summary>
public sealed class TestSchema : Schema
{
    public TestSchema(IServiceProvider services)
        : base(services)
    {
        var query = new ObjectGraphType { Name = "Query", Description = "Reads." };
        query.Field<NonNullGraphType<StringGraphType>>("greeting").Description("A constant.").Resolve(_ => "hello");
        query.Field<StringGraphType>("failing")
            .Description("Throws what the test host was given to throw.")
            .Resolve(context => throw context.RequestServices!.GetRequiredService<ResolverFault>().Exception);
        var mutation = new ObjectGraphType { Name = "Mutation", Description = "Writes." };
        mutation.Field<NonNullGraphType<IntGraphType>>("increment").Description("Counts.").Resolve(_ => 1);
        UploadEcho.AddUploadMutations(mutation);
        Query = query;
        Mutation = mutation;
    }
}

/// <summary>What the <c>failing</c> field throws.</summary>
public sealed record ResolverFault(Exception Exception);
