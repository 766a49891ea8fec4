namespace Diecast.GraphQL.Server.Protection.RateLimiting;

/// <summary>Who a request counts against: the signed-in user's name, or else the remote IP address.</summary>
public static class RateLimitClient
{
    /// <summary>The key under which the endpoint hands the client to GraphQL validation (<c>ExecutionOptions.UserContext</c>).</summary>
    public const string UserContextKey = "Diecast.RateLimitClient";

    /// <remarks>
    /// Behind a load balancer the remote address is the balancer's unless forwarded headers are honoured
    /// (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>); the README says so.
    /// </remarks>
    public static string Of(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? "user:" + name
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
