using System.Threading.RateLimiting;
using Diecast.GraphQL.Server.Protection.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Diecast.GraphQL.Server.Tests.Protection.RateLimiting;

/// <summary>The in-memory store's windows follow the injected clock, with the shared store's rules.</summary>
public sealed class InMemoryFixedWindowRateLimiterTests
{
    private static readonly RateLimitedRequest Alice = new(RateLimitKinds.Mutation, "user:alice");

    [Fact]
    public void Windows_are_whole_multiples_of_their_length_since_the_Unix_epoch()
    {
        var window = FixedWindow.At(new DateTimeOffset(2026, 11, 30, 14, 7, 42, 500, TimeSpan.Zero), TimeSpan.FromMinutes(5));

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 5, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 10, 0, TimeSpan.Zero), window.End);
    }

    [Fact]
    public void A_refused_request_takes_no_permit_and_is_told_what_is_left_of_the_window()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 14, 0, 20, TimeSpan.Zero));
        using var limiter = new InMemoryFixedWindowRateLimiter(Limits(mutations: 5), time);

        Assert.True(limiter.AttemptAcquire(Alice, 2).IsAcquired);
        using var refused = limiter.AttemptAcquire(Alice, 4);

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(40), retryAfter);
        Assert.True(limiter.AttemptAcquire(Alice, 3).IsAcquired);
        Assert.False(limiter.AttemptAcquire(Alice, 1).IsAcquired);
    }

    [Fact]
    public void The_count_starts_again_when_the_clock_reaches_the_next_window_and_not_a_tick_before()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 14, 0, 20, TimeSpan.Zero));
        using var limiter = new InMemoryFixedWindowRateLimiter(Limits(mutations: 1), time);
        Assert.True(limiter.AttemptAcquire(Alice).IsAcquired);

        time.Advance(TimeSpan.FromSeconds(40) - TimeSpan.FromTicks(1));
        Assert.False(limiter.AttemptAcquire(Alice).IsAcquired);

        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(limiter.AttemptAcquire(Alice).IsAcquired);
    }

    [Fact]
    public void Each_client_and_kind_has_its_own_count()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero));
        using var limiter = new InMemoryFixedWindowRateLimiter(Limits(mutations: 1), time);

        Assert.True(limiter.AttemptAcquire(Alice).IsAcquired);
        Assert.True(limiter.AttemptAcquire(new RateLimitedRequest(RateLimitKinds.Mutation, "user:bob")).IsAcquired);
        Assert.True(limiter.AttemptAcquire(new RateLimitedRequest(RateLimitKinds.ExpensiveQuery, "user:alice")).IsAcquired);
        Assert.False(limiter.AttemptAcquire(Alice).IsAcquired);
    }

    private static RateLimitOptions Limits(int mutations) => new()
    {
        Window = TimeSpan.FromMinutes(1),
        MutationsPerWindow = mutations,
        ExpensiveQueriesPerWindow = 1,
        Store = RateLimitStore.InMemory,
    };
}
