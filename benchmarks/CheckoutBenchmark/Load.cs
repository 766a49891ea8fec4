using System.Diagnostics;

namespace Diecast.CheckoutBenchmark;

/// <summary>What one measured scenario did: orders placed, refusals, latency percentiles, throughput.</summary>
internal sealed record LoadResult(int Succeeded, int Failed, double P50Milliseconds, double P99Milliseconds, double OrdersPerSecond);

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each send one request, wait for its answer, send the next, until the
/// time is up. Each request is one placed order (or a refusal, counted apart); latencies of every request are kept.
/// </summary>
internal static class Load
{
    // Request numbers run on across scenarios and rounds: each names an idempotency key, which must never repeat.
    private static long _sequence;

    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<int, long, CancellationToken, Task<bool>> placeOrder)
    {
        var latencies = new List<double>[concurrency];
        var succeeded = 0;
        var failed = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                // The request itself is never cancelled: an order cut off half-way would leave the check unsure.
                var ok = await placeOrder(worker, Interlocked.Increment(ref _sequence), CancellationToken.None);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (ok)
                {
                    Interlocked.Increment(ref succeeded);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(succeeded, failed, Percentile(all, 0.50), Percentile(all, 0.99), succeeded / elapsed.TotalSeconds);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
