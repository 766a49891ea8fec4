using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Diecast.GraphQL.Server.Protection.RateLimiting;

/// <summary>
/// Who a request counts against: the signed-in user's name; else the end client a trusted server-side caller names
/// (<see cref="RateLimitOptions.ForwardedClientSecret"/>); else the remote IP address.
/// </summary>
public static class RateLimitClient
{
    /// <summary>The key under which the endpoint hands the client to GraphQL validation (<c>ExecutionOptions.UserContext</c>).</summary>
    public const string UserContextKey = "Diecast.RateLimitClient";

    /// <summary>The end client's IP address (one address, IPv4 or IPv6), as the trusted caller saw it.</summary>
    public const string ForwardedClientHeader = "X-Forwarded-Client";

    /// <summary>The <see cref="RateLimitOptions.ForwardedClientSecret"/> that makes <see cref="ForwardedClientHeader"/> count.</summary>
    public const string ForwardedClientKeyHeader = "X-Forwarded-Client-Key";

    /// <remarks>
    /// Behind a load balancer the remote address is the balancer's unless forwarded headers are honoured
    /// (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>); the README says so. A forwarded client counts in the same
    /// partition as that address calling directly, so going through the storefront neither adds to nor escapes a
    /// client's limit. A wrong key, or a value that is not one IP address, is ignored: the request counts against its
    /// caller, as if the headers were absent.
    /// </remarks>
    public static string Of(HttpContext http, RateLimitOptions options) =>
        http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? "user:" + name
            : "ip:" + ((ForwardedClient(http.Request.Headers, options.ForwardedClientSecret) ?? http.Connection.RemoteIpAddress)?.ToString() ?? "unknown");

    private static IPAddress? ForwardedClient(IHeaderDictionary headers, string? secret)
    {
        if (secret is null
            || headers[ForwardedClientKeyHeader] is not [{ } key]
            || headers[ForwardedClientHeader] is not [{ } address]
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(secret))
            || !IPAddress.TryParse(address, out var client))
        {
            return null;
        }

        // One address per client whichever way it is written (::ffff:1.2.3.4 is 1.2.3.4).
        return client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
    }
}
