using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Diecast.Api.IntegrationTests.Storefront;

/// <summary>The API with the storefront event stream switched on (a secret set).</summary>
public sealed class StorefrontEventsApi : ApiFactory
{
    public const string Secret = "storefront-events-test-secret";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("StorefrontEvents:Secret", Secret);
        builder.UseSetting("StorefrontEvents:HeartbeatSeconds", "1");
    }

    public async Task<ServerSentEvents> SubscribeAsync()
    {
        var client = CreateClient();
        client.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/storefront/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new ServerSentEvents(client, response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        Assert.Equal("ready", (await events.NextAsync())?.Name);
        return events;
    }
}

/// <summary>Reads a server-sent event stream: each event's name and data; null at the end of the stream.</summary>
public sealed class ServerSentEvents(HttpClient client, HttpResponseMessage response, StreamReader reader) : IDisposable
{
    /// <summary>How long a test waits for the next event before failing (a generous bound, not a sleep).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public bool SawHeartbeat { get; private set; }

    public async Task<(string Name, string Data)?> NextAsync()
    {
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync().WaitAsync(Patience) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null || data is not null)
                {
                    return (name ?? "message", data ?? "");
                }
            }
            else if (line.StartsWith(':'))
            {
                SawHeartbeat = true;
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        return null;
    }

    /// <summary>The next change event whose data satisfies <paramref name="wanted"/>; the ones before it are returned too.</summary>
    public async Task<(JsonElement Match, List<JsonElement> Before)> NextChangeAsync(Func<JsonElement, bool> wanted)
    {
        var before = new List<JsonElement>();
        while (await NextAsync() is { } next)
        {
            if (next.Name != "change")
            {
                continue;
            }

            var change = JsonDocument.Parse(next.Data).RootElement.Clone();
            if (wanted(change))
            {
                return (change, before);
            }

            before.Add(change);
        }

        throw new InvalidOperationException("The stream ended before the expected change.");
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
        client.Dispose();
    }
}

/// <summary>
/// The storefronts' eviction stream: committed catalog and journal changes are announced (and only committed ones, and
/// only what a storefront shows), to subscribers holding the shared secret; a stream whose database listener broke ends.
/// </summary>
public sealed class StorefrontEventsTests(StorefrontEventsApi api) : IClassFixture<StorefrontEventsApi>
{
    private const string Zonda = "autoart-pagani-zonda-r-1-18";

    [Fact]
    public async Task Without_the_secret_nobody_subscribes()
    {
        using var client = api.CreateClient();

        var anonymous = await client.GetAsync("/api/storefront/events");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/storefront/events");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StorefrontEventsApi.Secret + "x");
        var wrongSecret = await client.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
    }

    [Fact]
    public async Task With_no_secret_configured_the_stream_does_not_exist()
    {
        using var plain = new ApiFactory();
        await plain.UseDatabaseAsync(api.ConnectionString);
        using var client = plain.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/storefront/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_admins_price_change_is_announced_as_a_card_change_of_its_slug()
    {
        using var events = await api.SubscribeAsync();
        using var admin = api.CreateAdminClient();
        var product = (await admin.QueryDataAsync("query($slug: String!) { productBySlug(slug: $slug) { id version price } }", new { slug = Zonda })).GetProperty("productBySlug");

        var data = await admin.QueryDataAsync(
            "mutation($input: UpdateProductInput!) { updateProduct(input: $input) { product { price } errors { __typename } } }",
            new { input = new { id = product.GetProperty("id").GetString(), version = product.GetProperty("version").GetInt64(), price = product.GetProperty("price").GetDecimal() + 1 } });
        var errors = data.GetProperty("updateProduct").GetProperty("errors");
        Assert.True(errors.ValueKind == JsonValueKind.Null, errors.ToString());

        var (change, _) = await events.NextChangeAsync(c => Mentions(c, "card", Zonda));
        Assert.Equal("product", change.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Archiving_a_product_is_announced()
    {
        var slug = await CreateProductAsync(stock: 50);
        using var events = await api.SubscribeAsync();
        using var admin = api.CreateAdminClient();
        var id = (await admin.QueryDataAsync("query($slug: String!) { productBySlug(slug: $slug) { id } }", new { slug })).GetProperty("productBySlug").GetProperty("id").GetString();

        await admin.QueryDataAsync("mutation($input: ArchiveProductInput!) { archiveProduct(input: $input) { errors { __typename } } }", new { input = new { id } });

        await events.NextChangeAsync(c => Mentions(c, "card", slug));
    }

    [Fact]
    public async Task A_rolled_back_change_is_never_announced()
    {
        var rolledBack = await CreateProductAsync(stock: 50);
        var committed = await CreateProductAsync(stock: 50);
        using var events = await api.SubscribeAsync();

        await using (var connection = await OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, "UPDATE products SET price = price + 1 WHERE slug = @slug", rolledBack, transaction);
            await transaction.RollbackAsync();
        }

        await using (var connection = await OpenAsync())
        {
            await ExecuteAsync(connection, "UPDATE products SET price = price + 1 WHERE slug = @slug", committed);
        }

        // Notifications arrive in commit order, so had the rolled-back one been sent, it would come first.
        var (_, before) = await events.NextChangeAsync(c => Mentions(c, "card", committed));
        Assert.DoesNotContain(before, c => Mentions(c, "card", rolledBack));
    }

    [Fact]
    public async Task Stock_changes_are_announced_only_where_a_shopper_sees_them()
    {
        var plenty = await CreateProductAsync(stock: 50);
        var few = await CreateProductAsync(stock: 6);
        using var events = await api.SubscribeAsync();

        await using var connection = await OpenAsync();
        // 50 → 49 shows nowhere ("in stock" either way); 6 → 5 shows as "only 5 left".
        await ExecuteAsync(connection, "UPDATE products SET stock_quantity = stock_quantity - 1 WHERE slug = @slug", plenty);
        await ExecuteAsync(connection, "UPDATE products SET stock_quantity = stock_quantity - 1 WHERE slug = @slug", few);

        var (_, before) = await events.NextChangeAsync(c => Mentions(c, "card", few));
        Assert.DoesNotContain(before, c => Mentions(c, "card", plenty) || Mentions(c, "page", plenty));
    }

    [Fact]
    public async Task A_description_change_is_announced_for_the_product_page_only()
    {
        var slug = await CreateProductAsync(stock: 50);
        using var events = await api.SubscribeAsync();

        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, "UPDATE products SET description = description || ' More.' WHERE slug = @slug", slug);

        var (change, _) = await events.NextChangeAsync(c => Mentions(c, "page", slug));
        Assert.False(Mentions(change, "card", slug));
    }

    [Fact]
    public async Task A_picture_change_is_announced_as_a_card_change()
    {
        using var events = await api.SubscribeAsync();
        await using var connection = await OpenAsync();

        await ExecuteAsync(connection, "UPDATE product_images SET alt = alt || ' ' WHERE product_id = (SELECT id FROM products WHERE slug = @slug)", Zonda);

        await events.NextChangeAsync(c => Mentions(c, "card", Zonda));
    }

    [Fact]
    public async Task Journal_changes_are_announced_when_published_and_drafts_stay_silent()
    {
        using var events = await api.SubscribeAsync();
        await using var connection = await OpenAsync();

        await using (var draft = new NpgsqlCommand("UPDATE journal_entries SET title = title || ' ' WHERE NOT is_published", connection))
        {
            await draft.ExecuteNonQueryAsync();
        }

        var before = await CreateProductAsync(stock: 50); // a marker: committed after the draft edit
        await using (var published = new NpgsqlCommand("UPDATE journal_entries SET title = title || ' ' WHERE id = (SELECT min(id) FROM journal_entries WHERE is_published)", connection))
        {
            Assert.Equal(1, await published.ExecuteNonQueryAsync());
        }

        var (_, earlier) = await events.NextChangeAsync(c => Mentions(c, "card", before));
        Assert.DoesNotContain(earlier, c => c.GetProperty("kind").GetString() == "journal");
        var (journal, _) = await events.NextChangeAsync(c => c.GetProperty("kind").GetString() == "journal");
        Assert.Equal("""{"kind":"journal"}""", journal.GetRawText());
    }

    [Fact]
    public async Task A_stream_ends_when_its_instance_stops_listening_so_the_storefront_reconnects_and_evicts()
    {
        using var events = await api.SubscribeAsync();

        await using (var connection = await OpenAsync())
        await using (var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'diecast-storefront-events' AND datname = current_database()", connection))
        {
            await kill.ExecuteNonQueryAsync();
        }

        while (await events.NextAsync() is not null)
        {
            // Heartbeats and late changes may come first; the stream must end.
        }

        // The relay listens again, and a new subscriber is told it is ready.
        using var again = await api.SubscribeAsync();
        Assert.NotNull(again);
    }

    private static bool Mentions(JsonElement change, string scope, string slug) =>
        change.TryGetProperty(scope, out var slugs) && slugs.ValueKind == JsonValueKind.Array && slugs.EnumerateArray().Any(s => s.GetString() == slug);

    private async Task<string> CreateProductAsync(int stock)
    {
        var slug = MutationInputs.NewProductSlug();
        await using var connection = await OpenAsync();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO products (slug, name, brand, make, model, year, scale, genre, status, description, price, stock_quantity, images, is_featured)
            SELECT @slug, name, brand, make, model, year, scale, genre, status, description, price, @stock, images, false FROM products WHERE slug = @template
            """, connection);
        insert.Parameters.AddWithValue("slug", slug);
        insert.Parameters.AddWithValue("stock", stock);
        insert.Parameters.AddWithValue("template", Zonda);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        return slug;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string slug, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("slug", slug);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
