using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Diecast.Tests.Processes;

namespace Diecast.Storefront.Tests.Browser;

/// <summary>
/// The API in-process on a real Kestrel port, on its own copy of the seeded test database (demo products, journal and
/// pictures), with the settings a production host needs and its background jobs off (as the API's own test host has).
/// Named by a type of the Api assembly: the Storefront's <c>Program</c> shares the global name.
/// </summary>
internal sealed class ApiHost(string connectionString, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Api.Data.DiecastDbContext>
{
    private readonly int _port = FreePort.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    public Uri GraphQLEndpoint => new(BaseAddress, "/graphql");

    public void Start()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port));
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Diecast", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Jwt:SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)));
        // A production host needs Razorpay keys; these point nowhere (port 9 refuses), so nothing reaches the internet.
        builder.UseSetting("Razorpay:KeyId", "rzp_test_diecastbrowser");
        builder.UseSetting("Razorpay:KeySecret", "browser-tests-key-secret");
        builder.UseSetting("Razorpay:WebhookSecret", "browser-tests-webhook-secret");
        builder.UseSetting("Razorpay:BaseUrl", "http://127.0.0.1:9/v1/");
        builder.UseSetting("Payments:WebhookWorkerEnabled", "false");
        builder.UseSetting("Payments:ReconciliationEnabled", "false");
        builder.UseSetting("Checkout:ExpiryEnabled", "false");
        builder.UseSetting("Media:OrphanCleanupEnabled", "false");
        // Pictures are absolute URLs on this API, as ./run.sh sets it up: the browser loads them from the API's origin.
        builder.UseSetting("Media:PublicBaseUrl", BaseAddress.ToString());
        // A test's own settings (a FakeRazorpay's keys and address) win over the ones above.
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(name, value);
        }
    }
}

/// <summary>The storefront in-process on a real Kestrel port, in Production, its generated client talking to <paramref name="api"/>.</summary>
internal sealed class StorefrontHost(Uri api, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<DiecastApiOptions>
{
    private readonly int _port = FreePort.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    public void Start()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port));
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("DiecastApi:Endpoint", api.ToString());
        builder.UseSetting("Storefront:PublicBaseUrl", BaseAddress.ToString());
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(name, value);
        }
    }
}
