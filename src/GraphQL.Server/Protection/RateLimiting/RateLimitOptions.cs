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

    /// <summary>
    /// A secret that lets a trusted server-side caller (a server-rendered storefront, whose every request comes from its
    /// own address) name the end client it calls for: a request whose <see cref="RateLimitClient.ForwardedClientKeyHeader"/>
    /// equals this secret counts against the IP address in <see cref="RateLimitClient.ForwardedClientHeader"/> instead of
    /// the caller's own. Unset (the default): both headers are ignored. At least 32 characters when set, so it cannot be
    /// guessed within a rate limit's lifetime.
    /// </summary>
    public string? ForwardedClientSecret { get; set; }

    /// <summary>The shortest <see cref="ForwardedClientSecret"/> accepted.</summary>
    public const int MinForwardedClientSecretLength = 32;

    /// <summary>The permits a client has per window for a request of <paramref name="kind"/> (<see cref="RateLimitKinds"/>).</summary>
    public int LimitFor(string kind) => kind == RateLimitKinds.Mutation ? MutationsPerWindow : ExpensiveQueriesPerWindow;

    internal bool AllPositive() => Window > TimeSpan.Zero && MutationsPerWindow > 0 && ExpensiveQueriesPerWindow > 0 && ExpensiveQueryComplexity > 0;

    internal bool ForwardedClientSecretIsLongEnough() => ForwardedClientSecret is null || ForwardedClientSecret.Length >= MinForwardedClientSecretLength;
}

public enum RateLimitStore
{
    /// <summary>One fixed-window counter per client and kind in PostgreSQL: the limit holds across all instances.</summary>
    PostgreSql,

    /// <summary>The same fixed windows in each instance's memory: no database round trip, but N instances allow N times the limit.</summary>
    InMemory,
}
