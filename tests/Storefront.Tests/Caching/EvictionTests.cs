using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Diecast.Storefront.Caching;
using Diecast.Storefront.Components;
using Diecast.Storefront.Tests.Infrastructure;
using Diecast.Api.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Npgsql;

namespace Diecast.Storefront.Tests.Caching;

/// <summary>
/// Two storefront instances on one API (in-process, on its own PostgreSQL with the demo shop; this class changes data,
/// so it has a shop of its own): an admin's change reaches both caches through the API's event stream within the
/// stated bound, and an instance that lost its stream evicts everything when it is back.
/// </summary>
public sealed class EvictionTests(ShopFixture shop) : IClassFixture<ShopFixture>, IAsyncLifetime
{
    /// <summary>The bound README states for a change to show on every instance while streams are up (generous for a loaded CI machine).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private const string Secret = "eviction-tests-secret";

    private WebApplicationFactory<Diecast.Api.Data.DiecastDbContext> _api = null!;
    private readonly List<(WebApplicationFactory<DiecastApiOptions> Site, SeverableHandler Stream)> _storefronts = [];

    public async Task InitializeAsync()
    {
        _api = shop.Api.WithWebHostBuilder(b => b.UseSetting("StorefrontEvents:Secret", Secret).UseSetting("StorefrontEvents:HeartbeatSeconds", "1"));
        _api.CreateClient().Dispose();
        for (var i = 0; i < 2; i++)
        {
            var stream = new SeverableHandler(_api.Server.CreateHandler());
            var site = ShopFixture.CreateStorefront(shop.Api, b => b
                .UseSetting("StorefrontCache:EventsSecret", Secret)
                .ConfigureTestServices(services =>
                {
                    services.AddHttpClient("DiecastClient").ConfigurePrimaryHttpMessageHandler(() => _api.Server.CreateHandler());
                    services.AddHttpClient(CacheEvictionSubscriber.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => stream);
                }));
            site.CreateClient().Dispose();
            _storefronts.Add((site, stream));
        }

        await Task.WhenAll(_storefronts.Select(s => Evictions(s.Site).WhenSubscribedAsync())).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        foreach (var (site, _) in _storefronts)
        {
            await site.DisposeAsync();
        }

        await _api.DisposeAsync();
    }

    [Fact]
    public async Task An_admins_price_change_shows_on_both_instances_within_the_bound()
    {
        var product = await FeaturedAsync();
        var oldPrice = Money.Format(product.GetProperty("price").GetDecimal());
        foreach (var (site, _) in _storefronts)
        {
            await GetHomeAsync(site);
            var cached = await GetHomeAsync(site);
            Assert.NotNull(cached.Response.Headers.Age);
            Assert.Contains(oldPrice, cached.Html, StringComparison.Ordinal);
        }

        var newPriceValue = product.GetProperty("price").GetDecimal() + 1111;
        var evicted = _storefronts.Select(s => Evictions(s.Site).NextEvictionAsync(CacheTags.Catalog)).ToList();
        var started = Stopwatch.GetTimestamp();
        await AdminAsync(
            "mutation($input: UpdateProductInput!) { updateProduct(input: $input) { product { price } } }",
            new { input = new { id = product.GetProperty("id").GetString(), version = product.GetProperty("version").GetInt64(), price = newPriceValue } });
        await Task.WhenAll(evicted).WaitAsync(Bound);
        var elapsed = Stopwatch.GetElapsedTime(started);

        foreach (var (site, _) in _storefronts)
        {
            var page = await GetHomeAsync(site);
            Assert.Null(page.Response.Headers.Age);
            Assert.Contains(Money.Format(newPriceValue), page.Html, StringComparison.Ordinal);
        }

        Assert.True(elapsed < Bound, $"Evicted after {elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task An_archived_product_leaves_both_instances_pages_and_a_picture_change_shows()
    {
        var product = await FeaturedAsync();
        var slug = product.GetProperty("slug").GetString()!;
        foreach (var (site, _) in _storefronts)
        {
            Assert.Contains($"/cars/{slug}", (await GetHomeAsync(site)).Html, StringComparison.Ordinal);
        }

        // A picture's alt text (on every card of the product) changed as the gallery mutations change it: in the database.
        var evicted = _storefronts.Select(s => Evictions(s.Site).NextEvictionAsync(CacheTags.Catalog)).ToList();
        await using (var connection = new NpgsqlConnection(shop.Api.Services.GetRequiredService<Diecast.Api.Data.DatabaseConnection>().GetConnectionString()))
        {
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE product_images SET alt = 'Seen from above, freshly photographed' WHERE product_id = (SELECT id FROM products WHERE slug = @slug)", connection);
            update.Parameters.AddWithValue("slug", slug);
            Assert.True(await update.ExecuteNonQueryAsync() > 0);
        }

        await Task.WhenAll(evicted).WaitAsync(Bound);
        foreach (var (site, _) in _storefronts)
        {
            Assert.Contains("Seen from above, freshly photographed", (await GetHomeAsync(site)).Html, StringComparison.Ordinal);
        }

        evicted = _storefronts.Select(s => Evictions(s.Site).NextEvictionAsync(CacheTags.Catalog)).ToList();
        await AdminAsync("mutation($input: ArchiveProductInput!) { archiveProduct(input: $input) { product { archivedAt } } }", new { input = new { id = product.GetProperty("id").GetString() } });
        await Task.WhenAll(evicted).WaitAsync(Bound);

        foreach (var (site, _) in _storefronts)
        {
            Assert.DoesNotContain($"/cars/{slug}\"", (await GetHomeAsync(site)).Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_instance_that_lost_its_stream_evicts_everything_when_it_reconnects()
    {
        var (deaf, deafStream) = _storefronts[0];
        var (hearing, _) = _storefronts[1];
        var product = await FeaturedAsync();
        var oldPrice = Money.Format(product.GetProperty("price").GetDecimal());
        await GetHomeAsync(deaf);
        await GetHomeAsync(hearing);

        var refused = deafStream.Sever();
        await refused.WaitAsync(TimeSpan.FromSeconds(30)); // it noticed, and its reconnection was refused
        var heard = Evictions(hearing).NextEvictionAsync(CacheTags.Catalog);
        var newPriceValue = product.GetProperty("price").GetDecimal() + 2222;
        await AdminAsync(
            "mutation($input: UpdateProductInput!) { updateProduct(input: $input) { product { price } } }",
            new { input = new { id = product.GetProperty("id").GetString(), version = product.GetProperty("version").GetInt64(), price = newPriceValue } });
        await heard.WaitAsync(Bound);

        // The change was announced; the deaf instance missed it and still serves its cached page.
        var stale = await GetHomeAsync(deaf);
        Assert.NotNull(stale.Response.Headers.Age);
        Assert.Contains(oldPrice, stale.Html, StringComparison.Ordinal);

        var reconnected = Evictions(deaf).WhenSubscribedAsync();
        deafStream.Restore();
        await reconnected.WaitAsync(TimeSpan.FromSeconds(30));

        var fresh = await GetHomeAsync(deaf);
        Assert.Contains(Money.Format(newPriceValue), fresh.Html, StringComparison.Ordinal);
        Assert.True(Evictions(deaf).Connections >= 2);
    }

    private static CacheEvictions Evictions(WebApplicationFactory<DiecastApiOptions> site) => site.Services.GetRequiredService<CacheEvictions>();

    private static async Task<(HttpResponseMessage Response, string Html)> GetHomeAsync(WebApplicationFactory<DiecastApiOptions> site)
    {
        using var client = site.CreateClient();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Razor writes ₹ as a character reference; compare with the text a reader sees.
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>A featured product, fresh from the API (so its version is current).</summary>
    private async Task<JsonElement> FeaturedAsync()
    {
        var data = await AdminAsync("{ featuredProducts { id slug price version } }", null);
        return data.GetProperty("featuredProducts")[0];
    }

    private async Task<JsonElement> AdminAsync(string query, object? variables)
    {
        using var client = _api.CreateClient();
        var token = _api.Services.GetRequiredService<AccessTokenIssuer>().Issue("eviction-tests", TimeSpan.FromMinutes(10), DiecastRoles.Admin);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.TryGetProperty("errors", out var errors), errors.ToString());
        return body.RootElement.GetProperty("data").Clone();
    }

    /// <summary>The storefront's end of its event stream, which a test can cut (the open stream fails, new ones are refused) and restore.</summary>
    private sealed class SeverableHandler(HttpMessageHandler api) : DelegatingHandler(api)
    {
        private CancellationTokenSource _severed = new();
        private TaskCompletionSource _refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _down;

        /// <summary>Cuts the stream; completes when the storefront's attempt to reconnect has been refused.</summary>
        public Task Sever()
        {
            _down = true;
            _severed.Cancel();
            return _refused.Task;
        }

        public void Restore()
        {
            _severed = new CancellationTokenSource();
            _refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _down = false;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_down)
            {
                _refused.TrySetResult();
                throw new HttpRequestException("The stream is severed (test).");
            }

            var severed = _severed.Token;
            var response = await base.SendAsync(request, cancellationToken);
            var content = new StreamContent(new SeverableStream(await response.Content.ReadAsStreamAsync(cancellationToken), severed));
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = content;
            return response;
        }
    }

    private sealed class SeverableStream(Stream inner, CancellationToken severed) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, severed);
            try
            {
                return await inner.ReadAsync(buffer, linked.Token);
            }
            catch (OperationCanceledException) when (severed.IsCancellationRequested)
            {
                throw new IOException("The stream was severed (test).");
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
