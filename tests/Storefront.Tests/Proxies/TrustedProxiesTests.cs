using System.Net;
using Diecast.Storefront.ApiClient;
using Diecast.Storefront.Proxies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Diecast.Storefront.Tests.Proxies;

/// <summary>
/// The address the storefront names to the API (and so the shopper's rate-limit bucket) is the TCP peer's, unless that
/// peer is a proxy listed in Storefront__TrustedProxies: then it is the rightmost X-Forwarded-For entry that is not a
/// trusted proxy. Whatever a shopper writes into the header themselves is never the answer.
/// </summary>
public sealed class TrustedProxiesTests(WebApplicationFactory<DiecastApiOptions> storefront) : IClassFixture<WebApplicationFactory<DiecastApiOptions>>
{
    private const string Secret = "the-storefront-forwarding-secret-0123456789";
    private const string PeerHeader = "X-Test-Peer";

    [Theory]
    // Nobody is trusted by default, loopback included (ASP.NET Core's own default trusts loopback).
    [InlineData(null, "127.0.0.1", "198.51.100.1", "127.0.0.1")]
    [InlineData(null, "203.0.113.7", "198.51.100.1", "203.0.113.7")]
    [InlineData("", "::1", "198.51.100.1", "::1")]
    // A peer that is not the listed proxy: its header is ignored whatever it says.
    [InlineData("127.0.0.1", "203.0.113.7", "198.51.100.1", "203.0.113.7")]
    [InlineData("10.0.0.0/8", "203.0.113.7", "10.0.0.5, 198.51.100.1", "203.0.113.7")]
    [InlineData("127.0.0.1", "127.0.0.2", "198.51.100.1", "127.0.0.2")]
    public async Task A_forwarded_address_from_an_untrusted_peer_is_ignored(string? trusted, string peer, string forwardedFor, string named)
    {
        Assert.Equal(named, await NamedToTheApiAsync(trusted, peer, forwardedFor));
    }

    [Theory]
    // The proxy appended the shopper's address; the shopper wrote the entries left of it.
    [InlineData("127.0.0.1", "127.0.0.1", "203.0.113.7", "203.0.113.7")]
    [InlineData("127.0.0.1", "127.0.0.1", "198.51.100.1, 203.0.113.7", "203.0.113.7")]
    [InlineData("127.0.0.1", "127.0.0.1", "198.51.100.1,10.0.0.1, 203.0.113.7", "203.0.113.7")]
    // Two trusted hops (a CDN in 10.0.0.0/8, then the balancer on loopback): the first untrusted one from the right.
    [InlineData("127.0.0.1; 10.0.0.0/8", "127.0.0.1", "198.51.100.1, 203.0.113.7, 10.1.2.3", "203.0.113.7")]
    [InlineData("127.0.0.1 10.0.0.0/8", "127.0.0.1", "10.9.9.9, 203.0.113.7, 10.1.2.3", "203.0.113.7")]
    // An address with a port, and IPv6.
    [InlineData("127.0.0.1", "127.0.0.1", "203.0.113.7:51234", "203.0.113.7")]
    [InlineData("::1, 2001:db8::/32", "::1", "2001:db9::1, 2001:db8::5", "2001:db9::1")]
    public async Task A_forwarded_address_from_a_trusted_proxy_is_the_rightmost_untrusted_one(string trusted, string peer, string forwardedFor, string named)
    {
        Assert.Equal(named, await NamedToTheApiAsync(trusted, peer, forwardedFor));
    }

    [Theory]
    [InlineData("127.0.0.1, proxy.internal", "proxy.internal")]
    [InlineData("10.0.0.0/33", "10.0.0.0/33")]
    [InlineData("300.1.1.1", "300.1.1.1")]
    // Trusting everyone, as the refused ASP.NET Core switch does.
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("127.0.0.1, ::/0", "::/0")]
    // IPv4 shorthand that names another host than it seems to (10.0.5 is 10.0.0.5; 127.1 is 127.0.0.1).
    [InlineData("10.0.5", "10.0.5")]
    [InlineData("127.1", "127.1")]
    [InlineData("2130706433", "2130706433")]
    [InlineData("0x7f.0.0.1", "0x7f.0.0.1")]
    [InlineData("10.0.0.0/8, 010.0.0.1", "010.0.0.1")]
    // A network with bits after its prefix: which was meant?
    [InlineData("10.0.0.1/8", "10.0.0.1/8")]
    [InlineData("2001:db8::1/32", "2001:db8::1/32")]
    [InlineData("10.0.0.0/+8", "10.0.0.0/+8")]
    public void A_setting_that_is_not_addresses_or_networks_stops_the_start(string setting, string named)
    {
        var problems = Problems(new() { ["Storefront:TrustedProxies"] = setting });

        var problem = Assert.Single(problems, p => p.Contains("Storefront__TrustedProxies", StringComparison.Ordinal));
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ASP_NET_Cores_trust_everyone_switch_stops_the_start()
    {
        var problems = Problems(new() { ["FORWARDEDHEADERS_ENABLED"] = "true" });

        Assert.Contains(problems, p => p.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_settings_start()
    {
        Assert.Empty(Problems(new() { ["Storefront:TrustedProxies"] = "127.0.0.1, ::1; 10.0.0.0/8 2001:db8::/32" }));
    }

    private static List<string> Problems(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = configuration.GetSection("Storefront").Get<TrustedProxiesOptions>() ?? new TrustedProxiesOptions();
        var result = new TrustedProxiesValidation(configuration).Validate(null, options);
        return result.Succeeded ? [] : [.. result.Failures!];
    }

    private async Task<string> NamedToTheApiAsync(string? trusted, string peer, string forwardedFor)
    {
        var api = StandInApi.Empty();
        await using var factory = storefront.WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .UseSetting("StorefrontCache:Enabled", "false")
            .UseSetting("DiecastApi:ForwardedClientSecret", Secret)
            .UseSetting("Storefront:TrustedProxies", trusted)
            .UseStandInApi(api)
            .ConfigureServices(services => services.AddSingleton<IStartupFilter>(new PeerFromHeader())));
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add(PeerHeader, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);

        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var sent = Assert.Single(api.Headers);
        Assert.Equal(Secret, sent[ForwardedClientHandler.KeyHeader]);
        return sent[ForwardedClientHandler.ClientHeader];
    }

    /// <summary>The test server has no TCP peer: this one comes from a header, set before the storefront's pipeline.</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
            {
                if (http.Request.Headers[PeerHeader] is [{ } address])
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
