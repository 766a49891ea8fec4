using System.Threading.RateLimiting;
using Diecast.GraphQL.Server.Protection.RateLimiting;

namespace Diecast.Api.Data.RateLimiting;

/// <summary>The GraphQL rate limiter's shared counters, in the <c>rate_limit_windows</c> table.</summary>
public sealed class PostgresRateLimitStore(IServiceProvider services) : IRateLimitStore
{
    public PartitionedRateLimiter<RateLimitedRequest> CreateLimiter(RateLimitOptions options) =>
        ActivatorUtilities.CreateInstance<PostgresFixedWindowRateLimiter>(services, options);
}
