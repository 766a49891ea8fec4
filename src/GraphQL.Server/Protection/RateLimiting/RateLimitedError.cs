using GraphQL.Validation;

namespace Diecast.GraphQL.Server.Protection.RateLimiting;

/// <summary>A request refused for the client's rate limit; the endpoint answers it with 429 and Retry-After.</summary>
#pragma warning disable CA1032 // Only the rate limiter creates it.
public sealed class RateLimitedError : ValidationError
#pragma warning restore CA1032
{
    public const string ErrorCode = "RATE_LIMITED";

    public RateLimitedError(string kind, TimeSpan retryAfter)
        : base($"Too many {(kind == RateLimitKinds.Mutation ? "mutations" : "expensive queries")} from this client; try again in {Seconds(retryAfter)} seconds.")
    {
        Code = ErrorCode;
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }

    /// <summary>Whole seconds, rounded up, for the Retry-After header: never 0, which would invite an immediate retry.</summary>
    public int RetryAfterSeconds => Seconds(RetryAfter);

    private static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
}
