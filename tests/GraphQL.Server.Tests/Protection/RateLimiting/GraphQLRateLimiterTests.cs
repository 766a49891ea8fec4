using Diecast.GraphQL.Server.Protection.RateLimiting;
using GraphQLParser.AST;

namespace Diecast.GraphQL.Server.Tests.Protection.RateLimiting;

/// <summary>Which requests count against a rate limit (the schema has no mutations yet, so this is tested here).</summary>
public sealed class GraphQLRateLimiterTests
{
    [Theory]
    [InlineData(OperationType.Mutation, 1, RateLimitKinds.Mutation)]
    [InlineData(OperationType.Query, 1_999, null)]
    [InlineData(OperationType.Query, 2_000, RateLimitKinds.ExpensiveQuery)]
    [InlineData(OperationType.Subscription, 1_000_000, null)]
    public void Mutations_and_expensive_queries_are_rate_limited(OperationType operation, double complexity, string? kind) =>
        Assert.Equal(kind, GraphQLRateLimiter.KindOf(operation, complexity, new RateLimitOptions { ExpensiveQueryComplexity = 2_000 }));

    [Theory]
    [InlineData("mutation { a }", 1)]
    [InlineData("mutation { a b: a c: a __typename }", 3)]
    [InlineData("mutation { a ... on Mutation { b: a ... { c: a } } }", 3)]
    [InlineData("mutation { ...F x: a } fragment F on Mutation { a b: a ...G } fragment G on Mutation { c: a }", 4)]
    [InlineData("mutation { a @skip(if: true) b: a @include(if: false) }", 2)]
    [InlineData("mutation { ...F ...F } fragment F on Mutation { a }", 1)]
    [InlineData("mutation { __typename }", 0)]
    public void Every_mutation_field_a_request_runs_is_counted(string document, int fields)
    {
        var parsed = GraphQLParser.Parser.Parse(document);

        Assert.Equal(fields, GraphQLRateLimiter.MutationFields(parsed, parsed.Definitions.OfType<GraphQLOperationDefinition>().Single().SelectionSet));
    }
}
