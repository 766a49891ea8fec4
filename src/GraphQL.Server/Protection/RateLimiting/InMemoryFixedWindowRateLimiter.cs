using System.Threading.RateLimiting;

namespace Diecast.GraphQL.Server.Protection.RateLimiting;

/// <summary>
/// The in-memory store (<see cref="RateLimitStore.InMemory"/>): one counter per client and kind in this instance, with
/// the shared store's rules: <see cref="FixedWindow"/>s on the injected clock, and a refused request takes no permit.
/// System.Threading.RateLimiting's fixed window keeps its own timer, which a test cannot move.
/// </summary>
public sealed class InMemoryFixedWindowRateLimiter(RateLimitOptions options, TimeProvider time) : PartitionedRateLimiter<RateLimitedRequest>
{
    private readonly Dictionary<string, (DateTimeOffset WindowStart, int Hits)> _counters = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public override RateLimiterStatistics? GetStatistics(RateLimitedRequest resource) => null;

    protected override RateLimitLease AttemptAcquireCore(RateLimitedRequest resource, int permitCount)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var limit = options.LimitFor(resource.Kind);
        var now = time.GetUtcNow();
        var window = FixedWindow.At(now, options.Window);
        lock (_gate)
        {
            SweepEndedWindows(window);
            var hits = _counters.TryGetValue(resource.PartitionKey, out var counter) && counter.WindowStart == window.Start ? counter.Hits : 0;
            if (hits + permitCount > limit)
            {
                return window.Refused(now);
            }

            _counters[resource.PartitionKey] = (window.Start, hits + permitCount);
            return FixedWindow.Acquired;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(RateLimitedRequest resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    /// <summary>Once a window, forgets the clients whose counters belong to an earlier one (every remote address seen).</summary>
    private void SweepEndedWindows(FixedWindow window)
    {
        if (window.Start < _nextSweep)
        {
            return;
        }

        foreach (var (key, counter) in _counters)
        {
            if (counter.WindowStart < window.Start)
            {
                _counters.Remove(key);
            }
        }

        _nextSweep = window.End;
    }
}
