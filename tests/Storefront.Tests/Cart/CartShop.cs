using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using Diecast.Api.IntegrationTests.Infrastructure;
using Diecast.Storefront.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Diecast.Storefront.Tests.Cart;

/// <summary>
/// A shop of the cart tests' own: the API on a fresh copy of the seeded database (tests add products and change them
/// behind the storefront's back, as an admin on another screen would) and a storefront whose Data Protection keys live
/// in a folder of this fixture's.
/// </summary>
public sealed class CartShop : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public InProcessApi Api { get; private set; } = null!;

    public WebApplicationFactory<DiecastApiOptions> Storefront { get; private set; } = null!;

    public DirectoryInfo Keys { get; } = Directory.CreateTempSubdirectory("diecast-storefront-keys-");

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync();
        Api = new InProcessApi(ConnectionString);
        Storefront = CreateStorefront(Keys);
        Storefront.CreateClient().Dispose();
    }

    /// <summary>Another storefront instance on the same API, its keys in <paramref name="keys"/>.</summary>
    public WebApplicationFactory<DiecastApiOptions> CreateStorefront(DirectoryInfo keys) =>
        ShopFixture.CreateStorefront(Api, builder => builder.UseSetting("Storefront:DataProtectionKeysPath", keys.FullName));

    /// <summary>A product of the test's own, on sale; its global ID and slug.</summary>
    public async Task<TestProduct> NewProductAsync(int stock, decimal price, string status = "available")
    {
        var slug = "cart-car-" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO products (slug, name, brand, make, model, year, scale, genre, status, description, price, stock_quantity, images, is_featured)
            VALUES (@slug, @name, 'Mini GT', 'Tata', 'Nexon', 2024, '1:64', 'classic', @status::collection_status, 'A model.', @price, @stock, ARRAY[]::text[], false)
            RETURNING id
            """,
            connection);
        insert.Parameters.AddWithValue("slug", slug);
        insert.Parameters.AddWithValue("name", "Nexon " + slug[^6..]);
        insert.Parameters.AddWithValue("status", status);
        insert.Parameters.AddWithValue("price", price);
        insert.Parameters.AddWithValue("stock", stock);
        var id = (int)(await insert.ExecuteScalarAsync())!;
        return new TestProduct(id, Convert.ToBase64String(Encoding.UTF8.GetBytes($"Product:{id}")), slug, "Nexon " + slug[^6..]);
    }

    /// <summary>Changes a product behind the storefront's back (<paramref name="set"/> is an SQL SET list).</summary>
    public async Task ChangeAsync(TestProduct product, string set)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand($"UPDATE products SET {set} WHERE id = {product.Id.ToString(CultureInfo.InvariantCulture)}", connection);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    public async Task DisposeAsync()
    {
        await Storefront.DisposeAsync();
        await Api.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        Keys.Delete(recursive: true);
    }
}

public sealed record TestProduct(int Id, string GlobalId, string Slug, string Name);

/// <summary>
/// One shopper's browser, as far as the cart needs: it keeps the cookies the storefront sets (by hand, since a cookie
/// jar would not send Secure cookies over the test server's http) and sends same-origin headers on its posts.
/// </summary>
public sealed class Shopper(WebApplicationFactory<DiecastApiOptions> storefront)
{
    public const string Origin = "http://localhost";

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>The Set-Cookie headers of the last response.</summary>
    public IReadOnlyList<string> SetCookies { get; private set; } = [];

    public WebApplicationFactory<DiecastApiOptions> Storefront { get; set; } = storefront;

    public string? CartCookie => Cookies.GetValueOrDefault("diecast_cart");

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var client = Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(Origin) });
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request);
        SetCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];
        foreach (var header in SetCookies)
        {
            var pair = header.Split(';')[0];
            var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
            var value = pair[(name.Length + 1)..];
            var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || header.Contains("max-age=0", StringComparison.OrdinalIgnoreCase);
            if (expired || value.Length == 0)
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = value;
            }
        }

        return response;
    }

    public async Task<ShopPage> GetAsync(string path)
    {
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
        var html = await response.Content.ReadAsStringAsync();
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html).Address(new Uri(new Uri(Origin), path)));
        return new ShopPage(response, document, html);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? origin = Origin, string? fetchSite = "same-origin")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return SendAsync(request);
    }

    /// <summary>Submits the product page's add-to-cart form as a browser would (its hidden fields, the chosen quantity).</summary>
    public async Task<HttpResponseMessage> AddFromProductPageAsync(TestProduct product, int quantity)
    {
        var page = await GetAsync("/cars/" + product.Slug);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var form = page.Document.QuerySelector("#purchase form") ?? throw new InvalidOperationException("The product page offers no add-to-cart form.");
        var fields = Fields(form).Where(f => f.Key != "quantity").Append(new("quantity", quantity.ToString(CultureInfo.InvariantCulture)));
        return await PostFormAsync(form.GetAttribute("action")!, fields);
    }

    /// <summary>Submits a cart page form of <paramref name="product"/>'s line (Update or Remove), with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitLineAsync(TestProduct product, string handler, string? quantity = null, string? origin = Origin, string? fetchSite = "same-origin")
    {
        var page = await GetAsync("/cart");
        var form = page.Document.QuerySelectorAll($"li[data-product-id='{product.GlobalId}'] form")
            .Single(f => f.GetAttribute("action")!.Contains("handler=" + handler, StringComparison.Ordinal));
        var fields = Fields(form).Where(f => f.Key != "quantity");
        if (quantity is not null)
        {
            fields = fields.Append(new("quantity", quantity));
        }

        return await PostFormAsync(form.GetAttribute("action")!, fields, origin, fetchSite);
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(IElement form) =>
        form.QuerySelectorAll("input[name], select[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));
}
