using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Storefront;

/// <summary>
/// <c>GET /api/storefront/events</c>: a server-sent event stream of committed catalog and journal changes, for the
/// storefronts' caches. Authenticated by the shared secret (<c>StorefrontEvents__Secret</c>, as a bearer token); off
/// (404) while none is set. The stream opens with <c>event: ready</c> once the events that follow are complete
/// (evict everything you have then); each change is <c>event: change</c> with the trigger's JSON as data
/// (<c>{"kind":"product","card":[slugs],"page":[slugs]}</c>, <c>{"kind":"journal"}</c> or <c>{"kind":"all"}</c>); an idle
/// stream sends a comment every <c>HeartbeatSeconds</c>. It ends when this instance stops listening to the database.
/// </summary>
public static class StorefrontEventsEndpoint
{
    public const string Path = "/api/storefront/events";

    public static async Task StreamAsync(HttpContext context, StorefrontEventRelay relay, IOptions<StorefrontEventsOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        var response = context.Response;
        if (string.IsNullOrEmpty(settings.Secret))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!IsAuthorized(context.Request.Headers.Authorization.ToString(), settings.Secret))
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.Headers.WWWAuthenticate = "Bearer";
            return;
        }

        var cancellationToken = context.RequestAborted;
        System.Threading.Channels.ChannelReader<string>? events;
        try
        {
            events = await relay.SubscribeAsync(cancellationToken);
        }
        catch (TimeoutException)
        {
            events = null;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (events is null)
        {
            // Full, or the database cannot be listened to: the storefront backs off and tries again (here or elsewhere).
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.RetryAfter = "5";
            return;
        }

        try
        {
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-store";
            // Proxies that buffer (nginx) would hold events back.
            response.Headers["X-Accel-Buffering"] = "no";
            await WriteAsync(response, "event: ready\ndata: {}\n\n", cancellationToken);

            using var heartbeat = new PeriodicTimer(TimeSpan.FromSeconds(settings.HeartbeatSeconds), time);
            var waiting = events.WaitToReadAsync(cancellationToken).AsTask();
            var tick = heartbeat.WaitForNextTickAsync(cancellationToken).AsTask();
            while (true)
            {
                if (await Task.WhenAny(waiting, tick) == waiting)
                {
                    if (!await waiting)
                    {
                        return; // This instance stopped listening: the subscriber must reconnect.
                    }

                    var text = new StringBuilder();
                    while (events.TryRead(out var change))
                    {
                        text.Append("event: change\ndata: ").Append(change).Append("\n\n");
                    }

                    await WriteAsync(response, text.ToString(), cancellationToken);
                    waiting = events.WaitToReadAsync(cancellationToken).AsTask();
                }
                else
                {
                    await tick;
                    await WriteAsync(response, ": keep-alive\n\n", cancellationToken);
                    tick = heartbeat.WaitForNextTickAsync(cancellationToken).AsTask();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The storefront went away.
        }
        finally
        {
            relay.Unsubscribe(events);
        }
    }

    /// <summary>A constant-time comparison of the bearer token with the secret (hashed first, so lengths do not leak).</summary>
    private static bool IsAuthorized(string authorization, string secret)
    {
        const string Scheme = "Bearer ";
        if (!authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
