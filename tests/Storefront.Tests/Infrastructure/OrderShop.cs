using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp;
using Diecast.Api.Checkout;
using Diecast.Api.IntegrationTests.Infrastructure;
using Diecast.Api.Payments;
using Diecast.Api.Payments.Simulator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Diecast.Storefront.Tests.Infrastructure;

/// <summary>
/// The shop for tests that buy: the API in-process on its own copy of the seeded demo database, paying through a
/// <see cref="FakeRazorpay"/> on 127.0.0.1 (nothing reaches the internet), and the storefront on it; the API, the fake
/// Razorpay and the storefront read one <see cref="FakeTimeProvider"/> the tests move (holds expire without waiting).
/// Tests change data here (orders, stock), each with its own orders, so this fixture is not <see cref="ShopFixture"/>.
/// The background jobs are off: <see cref="DeliverWebhooksAsync"/> and <see cref="ExpireHoldsAsync"/> run one pass.
/// </summary>
public sealed class OrderShop : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(DateTimeOffset.UtcNow.Ticks - (DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));

    public FakeRazorpay Razorpay { get; private set; } = null!;

    public InProcessApi Api { get; private set; } = null!;

    public WebApplicationFactory<DiecastApiOptions> Storefront { get; private set; } = null!;

    private int _webhooksDelivered;

    public async Task InitializeAsync()
    {
        Razorpay = await FakeRazorpay.StartAsync(Time);
        var settings = new Dictionary<string, string>(Razorpay.Settings)
        {
            // Every shopper's mutation reaches the API from the storefront's one address (the integrator's forwarding
            // fixes that for real); the tests place far more orders a minute than one shopper would.
            ["GraphQL:RateLimit:MutationsPerWindow"] = "100000",
        };
        Api = new InProcessApi(await TestCluster.CreateDatabaseAsync(), settings, Time);
        Api.CreateClient().Dispose();
        Storefront = ShopFixture.CreateStorefront(Api, builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time)));
        Storefront.CreateClient().Dispose();
    }

    /// <summary>A storefront client that keeps cookies (a shopper's browser) and does not follow redirects.</summary>
    public HttpClient CreateBrowser() =>
        Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost") });

    public async Task<ShopPage> GetPageAsync(string path, HttpClient? browser = null)
    {
        using var own = browser is null ? CreateBrowser() : null;
        var response = await (browser ?? own!).GetAsync(path);
        return await ParseAsync(response, path);
    }

    public static async Task<ShopPage> ParseAsync(HttpResponseMessage response, string path)
    {
        var html = await response.Content.ReadAsStringAsync();
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html).Address(new Uri(new Uri("http://localhost"), path)));
        return new ShopPage(response, document, html);
    }

    /// <summary>Sends GraphQL straight to the API (not through the storefront) and returns data, failing on errors.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        using var client = Api.CreateClient();
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    /// <summary>Products on sale with more than 5 units (the API's fewLeft is null), cheapest first.</summary>
    public async Task<IReadOnlyList<(string Id, string Name, decimal Price)>> ProductsInStockAsync()
    {
        var data = await QueryAsync("{ products(first: 50, availability: [IN_STOCK], order: [{ price: ASC }]) { nodes { id name price fewLeft } } }");
        return data.GetProperty("products").GetProperty("nodes").EnumerateArray()
            .Where(p => p.GetProperty("fewLeft").ValueKind == JsonValueKind.Null)
            .Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("name").GetString()!, p.GetProperty("price").GetDecimal()))
            .ToList();
    }

    /// <summary>The database id inside a product's global ID (base64 of "Product:42").</summary>
    public static int DatabaseId(string globalId) =>
        int.Parse(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(globalId)).Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs SQL on the API's database (test setup: a price change, a sell-out, as an admin or another shopper would).</summary>
    public async Task<int> ExecuteSqlAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Places an order through the API as a checkout would; returns its token, number and Razorpay order id.</summary>
    public async Task<PlacedOrder> PlaceOrderAsync(string productId, int quantity = 1, string email = "asha@example.com", string? idempotencyKey = null)
    {
        var data = await QueryAsync(
            """
            mutation($input: PlaceOrderInput!) { placeOrder(input: $input) {
              order { number total } orderToken payment { razorpayOrderId } errors { __typename ... on Error { message } } } }
            """,
            new
            {
                input = new
                {
                    items = new[] { new { productId, quantity } },
                    customer = new { name = "Asha Rao", email, phone = "98765 43210" },
                    shippingAddress = new { line1 = "12 Marine Drive", line2 = "Flat 4", city = "Mumbai", state = "MAHARASHTRA", postalCode = "400002" },
                    idempotencyKey = idempotencyKey ?? Guid.NewGuid().ToString(),
                },
            });
        var payload = data.GetProperty("placeOrder");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        return new PlacedOrder(
            payload.GetProperty("orderToken").GetString()!,
            payload.GetProperty("order").GetProperty("number").GetString()!,
            payload.GetProperty("order").GetProperty("total").GetDecimal(),
            payload.GetProperty("payment").GetProperty("razorpayOrderId").GetString()!);
    }

    /// <summary>The order as the API tells its customer (by token).</summary>
    public async Task<JsonElement> OrderAsync(string token) =>
        (await QueryAsync("query($t: String!) { orderByToken(token: $t) { number status paymentStatus amountPaid } }", new { t = token })).GetProperty("orderByToken");

    /// <summary>
    /// Posts the webhooks the fake Razorpay emitted since the last call to the API's endpoint, as Razorpay would, then
    /// runs the webhook worker until it has nothing left (the worker is off in-process, so nothing settles before this).
    /// </summary>
    public async Task DeliverWebhooksAsync()
    {
        using var client = Api.CreateClient();
        var webhooks = Razorpay.State.Webhooks;
        foreach (var webhook in webhooks.Skip(_webhooksDelivered))
        {
            using var response = await FakeRazorpay.PostWebhookAsync(new Uri(client.BaseAddress!, "/api/webhooks/razorpay"), webhook, client);
            response.EnsureSuccessStatusCode();
        }

        _webhooksDelivered = webhooks.Count;
        var processor = Api.Services.GetRequiredService<RazorpayWebhookProcessor>();
        while (await processor.RunOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    /// <summary>Moves the clock past every hold and runs one pass of the hold expiry.</summary>
    public async Task ExpireHoldsAsync(TimeSpan by)
    {
        Time.Advance(by);
        await Api.Services.GetRequiredService<OrderHoldExpiry>().RunOnceAsync(CancellationToken.None);
    }

    /// <summary>What the customer does in Razorpay Checkout (no webhook is delivered yet).</summary>
    public SimulatedCheckout Pay(PlacedOrder order, SimulatedPaymentOutcome outcome = SimulatedPaymentOutcome.Captured) =>
        Razorpay.State.Pay(order.RazorpayOrderId, outcome);

    /// <summary>POSTs Razorpay's callback form to the storefront, as Razorpay's page would: cross-site, no cookie, no antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostCallbackAsync(string query, params (string Name, string Value)[] fields)
    {
        using var browser = CreateBrowser();
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await browser.PostAsync("/checkout/callback" + query, content);
    }

    public async Task DisposeAsync()
    {
        await Storefront.DisposeAsync();
        await Api.DisposeAsync();
        await Razorpay.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}

/// <summary>An order placed through the API: its customer token, number, total (rupees) and Razorpay order id.</summary>
public sealed record PlacedOrder(string Token, string Number, decimal Total, string RazorpayOrderId);

[CollectionDefinition(Name)]
public sealed class OrderShopCollection : ICollectionFixture<OrderShop>
{
    public const string Name = "OrderShop";
}
