using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Diecast.Storefront.Caching;

/// <summary>
/// Keeps this instance subscribed to the API's change stream (<c>GET /api/storefront/events</c>) and evicts by tag as
/// changes arrive: a product's card change evicts <see cref="CacheTags.Catalog"/>, a change to its own page only
/// <see cref="CacheTags.Product"/>, a journal change <see cref="CacheTags.Journal"/>. Whenever the stream becomes ready
/// (first connection and every reconnection) everything is evicted, since changes may have been missed meanwhile. A
/// stream silent for longer than the idle timeout is taken for dead; reconnection waits 1 s, doubling up to the
/// configured most, on the injected clock.
/// </summary>
public sealed partial class CacheEvictionSubscriber(
    IHttpClientFactory clients,
    CacheEvictions evictions,
    IOptions<StorefrontCacheOptions> options,
    IOptions<DiecastApiOptions> api,
    TimeProvider time,
    ILogger<CacheEvictionSubscriber> logger) : BackgroundService
{
    /// <summary>The named HttpClient of the stream (no timeout: the stream is meant to last).</summary>
    public const string HttpClientName = "DiecastApiEvents";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        if (string.IsNullOrEmpty(settings.EventsSecret))
        {
            LogNoSecret(logger, settings.TtlSeconds);
            return;
        }

        var url = settings.EventsUrl ?? new Uri(api.Value.Endpoint, "/api/storefront/events");
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ListenAsync(url, settings, stoppingToken))
                {
                    backoff = TimeSpan.FromSeconds(1);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogStreamFailed(logger, exception, url, backoff.TotalSeconds);
            }
            finally
            {
                evictions.SetSubscribed(false);
            }

            try
            {
                await Task.Delay(backoff, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(settings.EventsMaxBackoffSeconds).Ticks));
        }
    }

    /// <summary>Reads one stream to its end; true when it got as far as "ready".</summary>
    private async Task<bool> ListenAsync(Uri url, StorefrontCacheOptions settings, CancellationToken stoppingToken)
    {
        using var client = clients.CreateClient(HttpClientName);
        client.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.EventsSecret);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stoppingToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stoppingToken));
        var ready = false;
        string? name = null;
        string? data = null;
        var idle = TimeSpan.FromSeconds(settings.EventsIdleTimeoutSeconds);
        while (true)
        {
            string? line;
            using (var timer = new CancellationTokenSource(idle, time))
            using (var silence = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token))
            {
                try
                {
                    line = await reader.ReadLineAsync(silence.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"The event stream was silent for {idle.TotalSeconds} s.");
                }
            }

            if (line is null)
            {
                LogStreamEnded(logger, url);
                return ready;
            }

            if (line.Length > 0)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    name = line["event:".Length..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data = line["data:".Length..].Trim();
                }

                continue; // comments (": keep-alive") only prove the stream is alive
            }

            if (name == "ready")
            {
                await evictions.EvictAsync(CacheTags.All, stoppingToken);
                ready = true;
                evictions.SetSubscribed(true);
                LogReady(logger, url);
            }
            else if (name == "change" && data is not null)
            {
                foreach (var tag in TagsOf(data))
                {
                    await evictions.EvictAsync(tag, stoppingToken);
                }
            }

            name = null;
            data = null;
        }
    }

    /// <summary>The tags a change evicts; an event this version does not understand evicts everything, to be safe.</summary>
    public static IReadOnlyList<string> TagsOf(string data)
    {
        try
        {
            using var change = JsonDocument.Parse(data);
            var root = change.RootElement;
            switch (root.GetProperty("kind").GetString())
            {
                case "product":
                    var tags = new List<string>();
                    if (root.TryGetProperty("card", out var card) && card.GetArrayLength() > 0)
                    {
                        tags.Add(CacheTags.Catalog);
                    }

                    if (root.TryGetProperty("page", out var page))
                    {
                        tags.AddRange(page.EnumerateArray().Select(slug => CacheTags.Product(slug.GetString()!)));
                    }

                    return tags;
                case "journal":
                    return [CacheTags.Journal];
                default:
                    return [CacheTags.All];
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return [CacheTags.All];
        }
    }

    [LoggerMessage(LogLevel.Warning, "StorefrontCache__EventsSecret is not set: nothing evicts cached pages before their TTL of {Seconds} s")]
    private static partial void LogNoSecret(ILogger logger, int seconds);

    [LoggerMessage(LogLevel.Warning, "The API's event stream at {Url} failed; reconnecting in {Seconds} s (cached pages are evicted on reconnection)")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, Uri url, double seconds);

    [LoggerMessage(LogLevel.Information, "The API's event stream at {Url} ended; reconnecting")]
    private static partial void LogStreamEnded(ILogger logger, Uri url);

    [LoggerMessage(LogLevel.Information, "Subscribed to the API's event stream at {Url}; evicted every cached page")]
    private static partial void LogReady(ILogger logger, Uri url);
}
