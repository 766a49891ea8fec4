using Diecast.Api.GraphQL.Protection;
using GraphQLParser.AST;

namespace Diecast.Api.Tests.GraphQL.Protection;

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
}
