namespace Diecast.GraphQL.Server.Protection.RateLimiting;

/// <summary>The "GraphQL:RateLimit" section: how many mutations and expensive queries a client may send per window.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Where the counters live: PostgreSQL (shared by every instance) or each instance's memory.</summary>
    public RateLimitStore Store { get; set; } = RateLimitStore.PostgreSql;

    /// <summary>Length of the fixed window the permits below are counted in; windows start at whole multiples of it since the Unix epoch.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public int MutationsPerWindow { get; set; } = 30;

    public int ExpensiveQueriesPerWindow { get; set; } = 30;

    /// <summary>
    /// A query whose complexity (GraphQL.NET's analyzer, with the request's variables) reaches this is expensive.
    /// </summary>
    public int ExpensiveQueryComplexity { get; set; } = 2_000;

    /// <summary>The permits a client has per window for a request of <paramref name="kind"/> (<see cref="RateLimitKinds"/>).</summary>
    public int LimitFor(string kind) => kind == RateLimitKinds.Mutation ? MutationsPerWindow : ExpensiveQueriesPerWindow;

    internal bool AllPositive() => Window > TimeSpan.Zero && MutationsPerWindow > 0 && ExpensiveQueriesPerWindow > 0 && ExpensiveQueryComplexity > 0;
}

public enum RateLimitStore
{
    /// <summary>One fixed-window counter per client and kind in PostgreSQL: the limit holds across all instances.</summary>
    PostgreSql,

    /// <summary>The same fixed windows in each instance's memory: no database round trip, but N instances allow N times the limit.</summary>
    InMemory,
}
