using Microsoft.AspNetCore.OutputCaching;

namespace Diecast.Storefront.Caching;

/// <summary>Evicts this instance's output cache by tag, and tells whoever waits for a tag (the tests, by condition) that it happened.</summary>
public sealed class CacheEvictions(IOutputCacheStore store, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly List<(string Tag, TaskCompletionSource<DateTimeOffset> Done)> _waiters = [];

    private TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the event stream is open and complete (its "ready" seen, nothing missed since).</summary>
    public bool Subscribed
    {
        get
        {
            lock (_lock)
            {
                return _subscribed.Task.IsCompleted;
            }
        }
    }

    /// <summary>How many times the stream became ready (each time, everything was evicted).</summary>
    public int Connections { get; private set; }

    /// <summary>Completes when the stream is (or next becomes) ready.</summary>
    public Task WhenSubscribedAsync()
    {
        lock (_lock)
        {
            return _subscribed.Task;
        }
    }

    internal void SetSubscribed(bool subscribed)
    {
        lock (_lock)
        {
            if (subscribed)
            {
                Connections++;
                _subscribed.TrySetResult();
            }
            else if (_subscribed.Task.IsCompleted)
            {
                _subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public async Task EvictAsync(string tag, CancellationToken cancellationToken)
    {
        await store.EvictByTagAsync(tag, cancellationToken);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => w.Tag == tag || tag == CacheTags.All).ToList())
            {
                waiter.Done.TrySetResult(now);
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes with the time of the next eviction of <paramref name="tag"/> (or of everything).</summary>
    public Task<DateTimeOffset> NextEvictionAsync(string tag)
    {
        var done = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((tag, done));
        }

        return done.Task;
    }
}
