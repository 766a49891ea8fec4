using Microsoft.Extensions.Options;

namespace Diecast.Storefront.ApiClient;

/// <summary>
/// Tells the API which shopper an API call is made for, so the API's per-client rate limits (mutations such as
/// placeOrder, expensive queries such as a search) count each shopper on their own instead of every shopper of this
/// storefront against its one address. Sends the shopper's address with the shared
/// <see cref="DiecastApiOptions.ForwardedClientSecret"/> (the API's <c>GraphQL__RateLimit__ForwardedClientSecret</c>);
/// the API ignores the address without the secret. Calls made outside a shopper's request (the cache's event stream)
/// and calls with no secret configured go as the storefront's own.
/// </summary>
/// <remarks>
/// Behind a load balancer the shopper's address is the balancer's unless the balancer is listed in
/// <c>Storefront__TrustedProxies</c> (see <see cref="Proxies.TrustedProxiesOptions"/>), whose X-Forwarded-For is then believed.
/// </remarks>
public sealed class ForwardedClientHandler(IHttpContextAccessor accessor, IOptions<DiecastApiOptions> options) : DelegatingHandler
{
    /// <summary>The API's header for the shopper's address (GraphQL.Server's <c>RateLimitClient.ForwardedClientHeader</c>).</summary>
    public const string ClientHeader = "X-Forwarded-Client";

    /// <summary>The API's header for the shared secret (GraphQL.Server's <c>RateLimitClient.ForwardedClientKeyHeader</c>).</summary>
    public const string KeyHeader = "X-Forwarded-Client-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Value.ForwardedClientSecret is { Length: > 0 } secret
            && accessor.HttpContext?.Connection.RemoteIpAddress is { } shopper)
        {
            request.Headers.Remove(ClientHeader);
            request.Headers.Remove(KeyHeader);
            request.Headers.TryAddWithoutValidation(ClientHeader, shopper.ToString());
            request.Headers.TryAddWithoutValidation(KeyHeader, secret);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

public static class ForwardedClientRegistration
{
    /// <summary>Adds <see cref="ForwardedClientHandler"/> to the API client's handlers.</summary>
    public static IHttpClientBuilder AddForwardedClient(this IHttpClientBuilder client)
    {
        client.Services.AddHttpContextAccessor();
        client.Services.AddTransient<ForwardedClientHandler>();
        return client.AddHttpMessageHandler<ForwardedClientHandler>();
    }
}
