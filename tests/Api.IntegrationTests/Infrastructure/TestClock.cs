using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>The API on a clock the test moves, so tests about time never wait for it to pass.</summary>
public static class TestClock
{
    /// <summary>
    /// A stopped clock at the present second plus 0.1234567 s: 100 ns ticks below the microsecond that PostgreSQL
    /// drops, so a timestamp that skips truncation shows. Near the real present, because the bearer handler checks a
    /// token's lifetime against the machine's clock.
    /// </summary>
    public static FakeTimeProvider Create()
    {
        var now = DateTimeOffset.UtcNow;
        return new FakeTimeProvider(new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddTicks(1_234_567));
    }

    /// <summary>The clock's present as PostgreSQL keeps it: to the microsecond, the last tick dropped.</summary>
    public static DateTimeOffset StoredNow(this FakeTimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>The instance <paramref name="api"/> with <paramref name="time"/> as the clock every part of it reads.</summary>
    public static WebApplicationFactory<Program> WithClock(this WebApplicationFactory<Program> api, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton(time)));
    }
}
