using System.Threading.RateLimiting;

namespace Diecast.GraphQL.Server.Protection.RateLimiting;

/// <summary>
/// Counters every instance shares (<see cref="RateLimitStore.PostgreSql"/>), which the application provides: the
/// server itself only keeps counters in memory.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>A fixed-window limiter with <paramref name="options"/>' window and limits, acquired asynchronously only.</summary>
    PartitionedRateLimiter<RateLimitedRequest> CreateLimiter(RateLimitOptions options);
}
