using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Diecast.LocalPostgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Npgsql;

namespace Diecast.Storefront.Tests.Infrastructure;

/// <summary>
/// The whole shop in-process for page tests: a throwaway PostgreSQL (fsync off), the API on it, migrated and seeded
/// with the demo shop as <c>./run.sh</c> seeds it, and the storefront whose generated client talks to that API over
/// its TestServer. <see cref="GetPageAsync"/> fetches a page and parses it with AngleSharp. One instance serves every
/// page test (a collection fixture): tests read the demo data and must not change it.
/// </summary>
public sealed class ShopFixture : IAsyncLifetime
{
    /// <summary>What canonical URLs, Open Graph and the sitemap are made absolute on in the tests.</summary>
    public const string PublicBaseUrl = "https://shop.example";

    private LocalPostgresServer? _postgres;

    public ApiHost Api { get; private set; } = null!;

    public WebApplicationFactory<DiecastApiOptions> Storefront { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Named like TestCluster's folders, so a killed run's cluster is removed by the next run of either project.
        _postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(Path.GetTempPath(), $"diecast-tests-{Guid.NewGuid():N}"),
            Durable = false,
        });
        await _postgres.CreateDatabaseAsync("diecast_shop");

        Api = new ApiHost(_postgres.GetConnectionString("diecast_shop"));
        // Creating the client starts the API, which migrates and seeds before it answers.
        Api.CreateClient().Dispose();

        Storefront = CreateStorefront(Api);
        Storefront.CreateClient().Dispose();
    }

    /// <summary>A storefront (its own instance, its own memory) whose client talks to <paramref name="api"/>.</summary>
    public static WebApplicationFactory<DiecastApiOptions> CreateStorefront(ApiHost api, Action<IWebHostBuilder>? configure = null) =>
        new WebApplicationFactory<DiecastApiOptions>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("DiecastApi:Endpoint", "http://api.test/graphql");
            builder.UseSetting("Storefront:PublicBaseUrl", PublicBaseUrl);
            builder.ConfigureTestServices(services => services.AddHttpClient("DiecastClient")
                .ConfigurePrimaryHttpMessageHandler(() => api.Server.CreateHandler()));
            configure?.Invoke(builder);
        });

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
        if (_postgres is not null)
        {
            await _postgres.StopAsync();
            try
            {
                Directory.Delete(_postgres.DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the next run's clean-up of abandoned clusters (TestCluster).
            }
        }
    }
}

/// <summary>A fetched page: the response, its parsed document and its raw text.</summary>
public sealed record ShopPage(HttpResponseMessage Response, IDocument Document, string Html)
{
    public HttpStatusCode Status => Response.StatusCode;
}

/// <summary>
/// The API in-process, as ApiFactory runs it in Api.IntegrationTests (a non-Development environment, test keys),
/// except that it migrates and seeds its own database with the demo shop on start.
/// </summary>
public sealed class ApiHost(string connectionString) : WebApplicationFactory<Api.Data.DiecastDbContext>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Diecast", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedDemoData", "true");
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
    }
}

[CollectionDefinition(Name)]
public sealed class ShopCollection : ICollectionFixture<ShopFixture>
{
    public const string Name = "Shop";
}
