using System.Net;
using Diecast.Storefront.ApiClient;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Diecast.Storefront.Tests.ApiClient;

/// <summary>
/// Each API call names the shopper it is made for (with the shared secret), so the API rate-limits shoppers one by
/// one rather than the whole shop as one client; without the secret, or outside a shopper's request, nothing is named.
/// </summary>
public sealed class ForwardedClientTests(WebApplicationFactory<DiecastApiOptions> storefront) : IClassFixture<WebApplicationFactory<DiecastApiOptions>>
{
    private const string Secret = "the-storefront-forwarding-secret-0123456789";
    private const string ShopperHeader = "X-Test-Shopper";

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("2001:db8::42")]
    public async Task Each_call_names_the_shopper_whose_page_it_renders(string shopper)
    {
        var api = StandInApi.Empty();
        using var client = Storefront(api, Secret).CreateClient();

        await GetAsShopperAsync(client, "/", shopper);

        var sent = Assert.Single(api.Headers);
        Assert.Equal(shopper, sent[ForwardedClientHandler.ClientHeader]);
        Assert.Equal(Secret, sent[ForwardedClientHandler.KeyHeader]);
    }

    [Fact]
    public async Task A_shopper_cannot_name_someone_else_through_the_storefront()
    {
        var api = StandInApi.Empty();
        using var client = Storefront(api, Secret).CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add(ShopperHeader, "203.0.113.7");
        request.Headers.Add(ForwardedClientHandler.ClientHeader, "198.51.100.1");
        request.Headers.Add(ForwardedClientHandler.KeyHeader, "a-guess");

        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var sent = Assert.Single(api.Headers);
        Assert.Equal("203.0.113.7", sent[ForwardedClientHandler.ClientHeader]);
        Assert.Equal(Secret, sent[ForwardedClientHandler.KeyHeader]);
    }

    [Fact]
    public async Task Without_the_secret_no_shopper_is_named()
    {
        var api = StandInApi.Empty();
        using var client = Storefront(api, secret: null).CreateClient();

        await GetAsShopperAsync(client, "/", "203.0.113.7");

        var sent = Assert.Single(api.Headers);
        Assert.False(sent.ContainsKey(ForwardedClientHandler.ClientHeader));
        Assert.False(sent.ContainsKey(ForwardedClientHandler.KeyHeader));
    }

    private static async Task GetAsShopperAsync(HttpClient client, string path, string shopper)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ShopperHeader, shopper);
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
    }

    /// <summary>The storefront on a stand-in API, where the test server's missing remote address comes from a header.</summary>
    private WebApplicationFactory<DiecastApiOptions> Storefront(StandInApi api, string? secret) =>
        storefront.WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .UseSetting("StorefrontCache:Enabled", "false")
            .UseSetting("DiecastApi:ForwardedClientSecret", secret)
            .UseStandInApi(api)
            .ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ShopperAddressFromHeader())));

    private sealed class ShopperAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
            {
                if (http.Request.Headers[ShopperHeader] is [{ } address])
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
