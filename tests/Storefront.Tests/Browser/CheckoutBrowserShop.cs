using System.Net.Http.Json;
using System.Text.Json;
using Diecast.Api.IntegrationTests.Infrastructure;
using Diecast.Api.Payments.Simulator;
using Microsoft.Playwright;

namespace Diecast.Storefront.Tests.Browser;

/// <summary>
/// A shop for browser tests that buy: like <see cref="BrowserShop"/> (API and storefront on real Kestrel ports, Debian's
/// Chromium), on its own copy of the demo database, with the API paying through a <see cref="FakeRazorpay"/> on
/// 127.0.0.1, so orders get Razorpay orders and payments can be made, failed and confirmed without the internet.
/// </summary>
public sealed class CheckoutBrowserShop : IAsyncLifetime, IAsyncDisposable
{
    private ApiHost? _api;
    private StorefrontHost? _storefront;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public FakeRazorpay Razorpay { get; private set; } = null!;

    public Uri StorefrontAddress => _storefront!.BaseAddress;

    public async Task InitializeAsync()
    {
        Razorpay = await FakeRazorpay.StartAsync();
        _api = new ApiHost(await TestCluster.CreateDatabaseAsync(), new Dictionary<string, string>(Razorpay.Settings)
        {
            ["GraphQL:RateLimit:MutationsPerWindow"] = "100000",
        });
        _api.Start();
        // Read when the host starts: its own address, once its port is chosen (a Production storefront needs its origin).
        var storefrontSettings = new Dictionary<string, string>();
        _storefront = new StorefrontHost(_api.GraphQLEndpoint, storefrontSettings);
        storefrontSettings["Storefront:PublicBaseUrl"] = _storefront.BaseAddress.ToString();
        _storefront.Start();
        (_playwright, Browser) = await Chromium.LaunchAsync();
    }

    public Task<ShopTab> OpenTabAsync(Viewport viewport, string test) => ShopTab.OpenAsync(Browser, StorefrontAddress, viewport, test);

    /// <summary>A product on sale with more than 5 units: its slug and id.</summary>
    public async Task<(string Slug, string Id)> ProductInStockAsync()
    {
        var data = await QueryAsync("{ products(first: 20, availability: [IN_STOCK], order: [{ price: ASC }]) { nodes { id slug fewLeft } } }");
        var product = data.GetProperty("products").GetProperty("nodes").EnumerateArray().First(p => p.GetProperty("fewLeft").ValueKind == JsonValueKind.Null);
        return (product.GetProperty("slug").GetString()!, product.GetProperty("id").GetString()!);
    }

    /// <summary>Places an order through the API; returns its token and Razorpay order id.</summary>
    public async Task<(string Token, string RazorpayOrderId)> PlaceOrderAsync()
    {
        var (_, id) = await ProductInStockAsync();
        var data = await QueryAsync(
            "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { orderToken payment { razorpayOrderId } } }",
            new
            {
                input = new
                {
                    items = new[] { new { productId = id, quantity = 1 } },
                    customer = new { name = "Asha Rao", email = "asha@example.com", phone = "98765 43210" },
                    shippingAddress = new { line1 = "12 Marine Drive", city = "Mumbai", state = "MAHARASHTRA", postalCode = "400002" },
                    idempotencyKey = Guid.NewGuid().ToString(),
                },
            });
        var payload = data.GetProperty("placeOrder");
        return (payload.GetProperty("orderToken").GetString()!, payload.GetProperty("payment").GetProperty("razorpayOrderId").GetString()!);
    }

    /// <summary>Pays in the fake Razorpay and posts Checkout's callback to the storefront (as Razorpay's page would).</summary>
    public async Task PayAsync(string token, string razorpayOrderId, SimulatedPaymentOutcome outcome)
    {
        var paid = Razorpay.State.Pay(razorpayOrderId, outcome);
        using var client = new HttpClient { BaseAddress = StorefrontAddress };
        var fields = paid.RazorpaySignature is { } signature
            ? new Dictionary<string, string> { ["razorpay_payment_id"] = paid.RazorpayPaymentId, ["razorpay_order_id"] = paid.RazorpayOrderId, ["razorpay_signature"] = signature }
            : new Dictionary<string, string> { ["error[code]"] = "BAD_REQUEST_ERROR", ["error[description]"] = "Payment failed" };
        using var response = await client.PostAsync("/checkout/callback?token=" + token, new FormUrlEncodedContent(fields));
    }

    private async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        using var client = new HttpClient();
        using var response = await client.PostAsJsonAsync(_api!.GraphQLEndpoint, new { query, variables });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_storefront is not null)
        {
            await _storefront.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await Razorpay.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}

[CollectionDefinition(Name)]
public sealed class CheckoutBrowserCollection : ICollectionFixture<CheckoutBrowserShop>
{
    public const string Name = "CheckoutBrowser";
}
