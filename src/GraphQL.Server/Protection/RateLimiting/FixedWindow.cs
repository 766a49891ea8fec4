using System.Threading.RateLimiting;

namespace Diecast.GraphQL.Server.Protection.RateLimiting;

/// <summary>
/// A rate limit window on the injected clock. Windows are whole multiples of their length counted from the Unix epoch,
/// so every instance and every store agrees where one starts, and a test moves from one to the next by moving its clock.
/// </summary>
public readonly record struct FixedWindow(DateTimeOffset Start, TimeSpan Length)
{
    public DateTimeOffset End => Start + Length;

    /// <summary>The window <paramref name="now"/> falls in.</summary>
    public static FixedWindow At(DateTimeOffset now, TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new FixedWindow(new DateTimeOffset(now.UtcTicks - (sinceEpoch % length.Ticks), TimeSpan.Zero), length);
    }

    /// <summary>The lease for a request counted in this window.</summary>
    public static RateLimitLease Acquired { get; } = new FixedWindowLease(acquired: true, TimeSpan.Zero);

    /// <summary>The lease for a refused request: it may try again when the window ends.</summary>
    public RateLimitLease Refused(DateTimeOffset now) => new FixedWindowLease(acquired: false, End > now ? End - now : TimeSpan.Zero);

    private sealed class FixedWindowLease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
