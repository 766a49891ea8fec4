using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Diecast.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Npgsql;

namespace Diecast.Storefront.Tests.Infrastructure;

/// <summary>
/// The whole shop in-process for page tests: the API on a copy of the test cluster's database (a throwaway PostgreSQL,
/// migrated and seeded with the demo shop as <c>./run.sh</c> seeds it), and the storefront whose generated client talks to that API over
/// its TestServer. <see cref="GetPageAsync(string)"/> fetches a page and parses it with AngleSharp. One instance serves every
/// page test (a collection fixture): tests read the demo data and must not change it.
/// </summary>
public sealed class ShopFixture : IAsyncLifetime
{
    /// <summary>What canonical URLs, Open Graph and the sitemap are made absolute on in the tests.</summary>
    public const string PublicBaseUrl = "https://shop.example";

    public InProcessApi Api { get; private set; } = null!;

    public WebApplicationFactory<DiecastApiOptions> Storefront { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A copy of the test cluster's migrated, demo-seeded template (TestCluster, shared with Api.IntegrationTests).
        Api = new InProcessApi(await TestCluster.CreateDatabaseAsync());
        // Creating a client starts a host; the first request then finds both warm.
        Api.CreateClient().Dispose();
        Storefront = CreateStorefront(Api);
        Storefront.CreateClient().Dispose();
    }

    /// <summary>A storefront (its own instance, its own memory) whose client talks to <paramref name="api"/>.</summary>
    public static WebApplicationFactory<DiecastApiOptions> CreateStorefront(InProcessApi api, Action<IWebHostBuilder>? configure = null) =>
        new WebApplicationFactory<DiecastApiOptions>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("DiecastApi:Endpoint", "http://api.test/graphql");
            builder.UseSetting("Storefront:PublicBaseUrl", PublicBaseUrl);
            // A cold in-process API on a loaded test machine may take longer than the storefront's production timeout
            // (DiecastApi__Timeout, 5 s), which would turn a page into its 503; the degradation tests set their own.
            builder.UseSetting("DiecastApi:Timeout", "00:01:00");
            builder.ConfigureTestServices(services => services.AddHttpClient("DiecastClient")
                .ConfigurePrimaryHttpMessageHandler(() => api.Server.CreateHandler()));
            configure?.Invoke(builder);
        });

    /// <summary>A second storefront on the same API whose API calls are recorded (a fresh instance: nothing cached).</summary>
    public (WebApplicationFactory<DiecastApiOptions> Storefront, OperationRecorder Recorder) CreateRecordedStorefront()
    {
        var recorder = new OperationRecorder();
        var storefront = CreateStorefront(Api, b => b.ConfigureTestServices(services =>
            services.AddHttpClient("DiecastClient").AddHttpMessageHandler(() => recorder)));
        return (storefront, recorder);
    }

    /// <summary>GETs <paramref name="path"/> from <paramref name="storefront"/> and parses the HTML.</summary>
    public static async Task<ShopPage> GetPageAsync(WebApplicationFactory<DiecastApiOptions> storefront, string path)
    {
        using var client = storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html).Address(new Uri(client.BaseAddress!, path)));
        return new ShopPage(response, document, html);
    }

    /// <summary>A client that does not follow redirects, so tests see what the storefront answered.</summary>
    public HttpClient CreateClient() =>
        Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });

    /// <summary>GETs <paramref name="path"/> and parses the HTML.</summary>
    public Task<ShopPage> GetPageAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<ShopPage> SendAsync(HttpRequestMessage request)
    {
        using var client = CreateClient();
        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(r => r.Content(html).Address(new Uri(client.BaseAddress!, request.RequestUri!)));
        return new ShopPage(response, document, html);
    }

    public async Task DisposeAsync()
    {
        await Storefront.DisposeAsync();
        await Api.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}

/// <summary>A fetched page: the response, its parsed document and its raw text.</summary>
public sealed record ShopPage(HttpResponseMessage Response, IDocument Document, string Html)
{
    public HttpStatusCode Status => Response.StatusCode;
}

/// <summary>
/// The API in-process, as ApiFactory runs it in Api.IntegrationTests (a non-Development environment, test keys, the
/// background jobs off), on a copy of the seeded test database. Named by a type of the Api assembly: the Storefront's
/// <c>Program</c> shares the global name.
/// </summary>
public sealed class InProcessApi(string connectionString, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? time = null)
    : WebApplicationFactory<Api.Data.DiecastDbContext>
{
    /// <summary>The database this instance runs on.</summary>
    public string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Diecast", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Jwt:SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)));
        builder.UseSetting("Razorpay:KeyId", "rzp_test_diecasttests");
        builder.UseSetting("Razorpay:KeySecret", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        builder.UseSetting("Razorpay:WebhookSecret", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        // Nowhere: 127.0.0.1:9 refuses connections, so nothing reaches Razorpay.
        builder.UseSetting("Razorpay:BaseUrl", "http://127.0.0.1:9/v1/");
        builder.UseSetting("Payments:WebhookWorkerEnabled", "false");
        builder.UseSetting("Payments:ReconciliationEnabled", "false");
        builder.UseSetting("Checkout:ExpiryEnabled", "false");
        builder.UseSetting("Media:OrphanCleanupEnabled", "false");
        // The order tests' own settings (a FakeRazorpay's keys and address, limits) win over the defaults above.
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(name, value);
        }

        if (time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ShopCollection : ICollectionFixture<ShopFixture>
{
    public const string Name = "Shop";
}
