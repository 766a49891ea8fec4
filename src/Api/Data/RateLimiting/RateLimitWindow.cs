namespace Diecast.Api.Data.RateLimiting;

/// <summary>One client's fixed-window counter for one kind of request, shared by every API instance.</summary>
public sealed class RateLimitWindow
{
    /// <summary>The kind and client, e.g. <c>mutation|user:alice</c> or <c>expensive-query|ip:203.0.113.7</c>.</summary>
    public required string PartitionKey { get; init; }

    /// <summary>Start of the current window, by the database's clock (instances' clocks may differ).</summary>
    public DateTime WindowStart { get; set; }

    /// <summary>Requests in the current window, refused ones included.</summary>
    public int Hits { get; set; }
}
