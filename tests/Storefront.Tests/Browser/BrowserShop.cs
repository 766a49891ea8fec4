using Diecast.Api.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Diecast.Storefront.Tests.Browser;

/// <summary>
/// The shop as a shopper's browser sees it, once for all the browser tests: the API and the storefront on real Kestrel
/// ports on a copy of the seeded demo database (products, journal, pictures), and Debian's headless Chromium driven by
/// Playwright. Each test opens its own <see cref="ShopTab"/> (a fresh browser context) on it. The tests only read, so
/// they share the one database.
/// </summary>
public sealed class BrowserShop : IAsyncLifetime, IAsyncDisposable
{
    private ApiHost? _api;
    private StorefrontHost? _storefront;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri StorefrontAddress => _storefront!.BaseAddress;

    public Uri ApiAddress => _api!.BaseAddress;

    public async Task InitializeAsync()
    {
        _api = new ApiHost(await TestCluster.CreateDatabaseAsync());
        _api.Start();
        _storefront = new StorefrontHost(_api.GraphQLEndpoint);
        _storefront.Start();
        (_playwright, Browser) = await Chromium.LaunchAsync();
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
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserShop>
{
    public const string Name = "Browser";
}
