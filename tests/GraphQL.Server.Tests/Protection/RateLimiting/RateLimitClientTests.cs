using System.Net;
using System.Security.Claims;
using Diecast.GraphQL.Server.Protection.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Diecast.GraphQL.Server.Tests.Protection.RateLimiting;

/// <summary>
/// Who a request counts against, and that only a caller holding the forwarding secret may name another client: a
/// storefront rendering pages for many shoppers must not make them share one limit, and a shopper must not pick theirs.
/// </summary>
public sealed class RateLimitClientTests
{
    private const string Secret = "a-forwarding-secret-of-at-least-32-characters";
    private static readonly RateLimitOptions Forwarding = new() { ForwardedClientSecret = Secret };

    [Fact]
    public void A_caller_counts_against_its_own_address()
    {
        Assert.Equal("ip:203.0.113.7", RateLimitClient.Of(Request("203.0.113.7"), Forwarding));
    }

    [Theory]
    [InlineData("198.51.100.20", "ip:198.51.100.20")]
    [InlineData("2001:db8::1", "ip:2001:db8::1")]
    [InlineData("::ffff:198.51.100.20", "ip:198.51.100.20")]
    public void A_caller_with_the_secret_counts_against_the_client_it_names(string forwarded, string client)
    {
        Assert.Equal(client, RateLimitClient.Of(Request("10.0.0.5", forwarded, Secret), Forwarding));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong")]
    [InlineData(Secret + "x")]
    [InlineData("A-FORWARDING-SECRET-OF-AT-LEAST-32-CHARACTERS")]
    public void Without_the_exact_secret_the_named_client_is_ignored(string? key)
    {
        Assert.Equal("ip:10.0.0.5", RateLimitClient.Of(Request("10.0.0.5", "198.51.100.20", key), Forwarding));
    }

    [Fact]
    public void With_no_secret_configured_nobody_can_name_a_client()
    {
        Assert.Equal("ip:10.0.0.5", RateLimitClient.Of(Request("10.0.0.5", "198.51.100.20", Secret), new RateLimitOptions()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("198.51.100.20, 203.0.113.9")]
    [InlineData("shopper-42")]
    public void A_named_client_that_is_not_one_address_is_ignored(string forwarded)
    {
        Assert.Equal("ip:10.0.0.5", RateLimitClient.Of(Request("10.0.0.5", forwarded, Secret), Forwarding));
    }

    [Fact]
    public void Two_values_of_either_header_are_ignored()
    {
        var twoClients = Request("10.0.0.5", "198.51.100.20", Secret);
        twoClients.Request.Headers.Append(RateLimitClient.ForwardedClientHeader, "198.51.100.21");
        var twoKeys = Request("10.0.0.5", "198.51.100.20", Secret);
        twoKeys.Request.Headers.Append(RateLimitClient.ForwardedClientKeyHeader, Secret);

        Assert.Equal("ip:10.0.0.5", RateLimitClient.Of(twoClients, Forwarding));
        Assert.Equal("ip:10.0.0.5", RateLimitClient.Of(twoKeys, Forwarding));
    }

    [Fact]
    public void A_signed_in_user_counts_as_themselves_wherever_they_call_from()
    {
        var http = Request("10.0.0.5", "198.51.100.20", Secret);
        http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "asha")], authenticationType: "Test"));

        Assert.Equal("user:asha", RateLimitClient.Of(http, Forwarding));
    }

    [Fact]
    public async Task A_guessable_secret_stops_the_start()
    {
        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Hosting.TestGraphQLServer.StartAsync(new Dictionary<string, string?> { ["RateLimit:ForwardedClientSecret"] = "too-short" }));

        Assert.Contains("GraphQL__RateLimit__ForwardedClientSecret", refused.Message, StringComparison.Ordinal);
    }

    private static DefaultHttpContext Request(string remote, string? forwarded = null, string? key = null)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwarded is not null)
        {
            http.Request.Headers[RateLimitClient.ForwardedClientHeader] = forwarded;
        }

        if (key is not null)
        {
            http.Request.Headers[RateLimitClient.ForwardedClientKeyHeader] = key;
        }

        return http;
    }
}
