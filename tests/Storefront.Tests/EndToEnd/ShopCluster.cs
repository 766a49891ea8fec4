using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Diecast.Api.IntegrationTests.Infrastructure;
using Diecast.Api.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Diecast.Tests.Processes;
using Microsoft.Playwright;

namespace Diecast.Storefront.Tests.EndToEnd;

/// <summary>
/// The whole shop as processes, as it is deployed, on one copy of the seeded demo database (TestCluster): the built API
/// (<c>Diecast.Api.dll</c>) and the built storefront (<c>Diecast.Storefront.dll</c>), each a <c>dotnet</c> process of its
/// own configured by environment variables, and Debian's Chromium. Two shapes:
/// <list type="bullet">
/// <item><see cref="StartSingleAsync"/>: one API in Testing with its own payment simulator (its checkout page, its own
/// webhooks to itself) and one storefront in Production: what a developer runs.</item>
/// <item><see cref="StartPairAsync"/>: two APIs in Production on the one database, Razorpay played by
/// <see cref="SharedRazorpay"/> (one engine; each webhook posted to the instance that did not create the order), and
/// two storefronts in Production, storefront i talking to API i, sharing one Data Protection keys folder, behind one
/// address (<see cref="FrontDoor"/>, YARP, round robin).</item>
/// </list>
/// Tests that buy change stock: each fixture has its own database.
/// </summary>
public sealed class ShopCluster : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _parts = [];
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    // The storefront names the shopper to the API with it, so rate limits count shoppers, not storefronts.
    private readonly string _forwardedClientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private IPlaywright? _playwright;

    private ShopCluster(string connectionString, string keysFolder)
    {
        ConnectionString = connectionString;
        KeysFolder = keysFolder;
    }

    public string ConnectionString { get; }

    /// <summary>The Data Protection keys folder every storefront instance shares (the cart cookie opens on any of them).</summary>
    public string KeysFolder { get; }

    public IReadOnlyList<AppProcess> Apis { get; private set; } = [];

    public IReadOnlyList<AppProcess> Storefronts { get; private set; } = [];

    /// <summary>The pair's one address, or null for the single shop.</summary>
    public FrontDoor? Door { get; private set; }

    /// <summary>The pair's Razorpay, or null for the single shop (whose API plays Razorpay itself).</summary>
    public SharedRazorpay? Razorpay { get; private set; }

    /// <summary>Where a shopper opens the shop: the front door, or the single storefront.</summary>
    public Uri Address => Door?.Address ?? Storefronts[0].BaseAddress;

    /// <summary>Where the payment simulator's checkout page is: the shared Razorpay, or the single API.</summary>
    public Uri SimulatorAddress => Razorpay?.Address ?? Apis[0].BaseAddress;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>One API (Testing, its own simulator) and one storefront.</summary>
    public static async Task<ShopCluster> StartSingleAsync()
    {
        var cluster = new ShopCluster(await TestCluster.CreateDatabaseAsync(), NewKeysFolder());
        try
        {
            var apiPort = FreePort.Next();
            var api = await AppProcess.StartAsync("api-1", "Diecast.Api.dll", cluster.ApiSettings("Testing", apiPort, new Dictionary<string, string>
            {
                // No keys: the API plays Razorpay with keys of its own, and posts the simulator's webhooks to itself.
                ["Razorpay__Simulator"] = "true",
            }), port: apiPort);
            cluster._parts.Add(api);
            cluster.Apis = [api];
            var storefrontPort = FreePort.Next();
            var storefront = await AppProcess.StartAsync(
                "storefront-1", "Diecast.Storefront.dll", cluster.StorefrontSettings(api, api.BaseAddress, new Uri($"http://127.0.0.1:{storefrontPort}")), port: storefrontPort);
            cluster._parts.Add(storefront);
            cluster.Storefronts = [storefront];
            await cluster.LaunchBrowserAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Two APIs and two storefronts behind one address, Razorpay shared (see the class's summary).</summary>
    public static async Task<ShopCluster> StartPairAsync()
    {
        var cluster = new ShopCluster(await TestCluster.CreateDatabaseAsync(), NewKeysFolder());
        try
        {
            var razorpay = await SharedRazorpay.StartAsync(instances: 2);
            cluster._parts.Add(razorpay);
            cluster.Razorpay = razorpay;
            var ports = new[] { FreePort.Next(), FreePort.Next() };
            var apis = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
                AppProcess.StartAsync($"api-{i + 1}", "Diecast.Api.dll", cluster.ApiSettings("Production", ports[i], new Dictionary<string, string>(razorpay.Settings(i))
                {
                    // A test makes Razorpay fail confirmPayment's look-up (to see the page before the webhook): retries come quickly.
                    ["Razorpay__RetryDelay"] = "00:00:00.050",
                }), port: ports[i])));
            cluster._parts.AddRange(apis);
            cluster.Apis = apis;
            razorpay.DeliverTo([.. apis.Select(api => api.BaseAddress)]);
            // The front door's address is the shop's public one: chosen first, since the storefronts are told it.
            var doorPort = FreePort.Next();
            var storefronts = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
                AppProcess.StartAsync($"storefront-{i + 1}", "Diecast.Storefront.dll", cluster.StorefrontSettings(apis[i], razorpay.Address, new Uri($"http://127.0.0.1:{doorPort}")))));
            cluster._parts.AddRange(storefronts);
            cluster.Storefronts = storefronts;
            cluster.Door = await FrontDoor.StartAsync(storefronts.ToDictionary(s => s.Name, s => s.BaseAddress), doorPort);
            cluster._parts.Add(cluster.Door);
            await cluster.LaunchBrowserAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client for the shop's address that keeps cookies (a shopper without a browser) and does not follow redirects.</summary>
    public HttpClient CreateShopper() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Runs <paramref name="query"/> on API <paramref name="instance"/> as an admin (a bearer token signed with the
    /// cluster's key, as <c>admin token</c> issues them) and returns <c>data</c>; throws on GraphQL errors.
    /// </summary>
    public async Task<JsonNode> AdminQueryAsync(string query, object? variables = null, int instance = 0)
    {
        var key = new SymmetricSecurityKey(Convert.FromBase64String(_signingKey));
        var token = new AccessTokenIssuer(Options.Create(new JwtOptions { SigningKey = _signingKey }), key, TimeProvider.System)
            .Issue("e2e-admin", TimeSpan.FromMinutes(10), DiecastRoles.Admin);
        using var client = new HttpClient { BaseAddress = Apis[instance].BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(body)!;
        if (json["errors"] is JsonArray { Count: > 0 })
        {
            throw new InvalidOperationException($"The admin query failed ({(int)response.StatusCode}): {body}");
        }

        return json["data"]!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        // Storefronts first, then the APIs, then what they call.
        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            await _parts[i].DisposeAsync();
        }

        try
        {
            Directory.Delete(KeysFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static string NewKeysFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "diecast-e2e-keys-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private async Task LaunchBrowserAsync() => (_playwright, Browser) = await Chromium.LaunchAsync();

    private Dictionary<string, string> ApiSettings(string environment, int port, IReadOnlyDictionary<string, string> razorpay)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DOTNET_ENVIRONMENT"] = environment,
            ["ConnectionStrings__Diecast"] = ConnectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["Database__SeedDemoData"] = "false",
            ["Jwt__SigningKey"] = _signingKey,
            ["GraphQL__RateLimit__ForwardedClientSecret"] = _forwardedClientSecret,
            // Pictures are absolute URLs on the API that serves them, as ./run.sh sets it up.
            ["Media__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["Media__OrphanCleanupEnabled"] = "false",
            ["Payments__ReconciliationEnabled"] = "false",
            // The webhook inbox is processed at once by the instance that stored the event (its own wake-up).
            ["Payments__WebhookWorkerEnabled"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Diecast.Api.Payments"] = "Information",
        };
        foreach (var (name, value) in razorpay)
        {
            settings[name] = value;
        }

        return settings;
    }

    private Dictionary<string, string> StorefrontSettings(AppProcess api, Uri simulator, Uri publicBase) => new()
    {
        // Canonical links are made absolute on the shop's public address (required outside Development).
        ["Storefront__PublicBaseUrl"] = publicBase.ToString().TrimEnd('/'),
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["DiecastApi__Endpoint"] = new Uri(api.BaseAddress, "/graphql").ToString(),
        // A cold API on a test machine busy with other builds can take longer than the production timeout (5 s).
        ["DiecastApi__Timeout"] = "00:01:00",
        ["DiecastApi__ForwardedClientSecret"] = _forwardedClientSecret,
        // Behind the front door the shopper's address is in X-Forwarded-For (YARP appends it); only the front door,
        // on loopback, is believed.
        ["Storefront__TrustedProxies"] = "127.0.0.1",
        // The cart cookie's keys, shared by every instance (the cart's setting), and the payment simulator's page
        // (the checkout's setting): see the README's Configuration table.
        ["Storefront__DataProtectionKeysPath"] = KeysFolder,
        ["Storefront__PaymentSimulatorUrl"] = new Uri(simulator, "/simulator/checkout").ToString(),
        ["Logging__LogLevel__Default"] = "Warning",
    };
}
