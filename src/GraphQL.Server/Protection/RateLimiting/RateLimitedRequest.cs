namespace Diecast.GraphQL.Server.Protection.RateLimiting;

/// <summary>What a permit is asked for: a kind of request (<see cref="RateLimitKinds"/>) by one client.</summary>
public sealed record RateLimitedRequest(string Kind, string Client)
{
    public string PartitionKey => $"{Kind}|{Client}";
}

public static class RateLimitKinds
{
    public const string Mutation = "mutation";
    public const string ExpensiveQuery = "expensive-query";
}
