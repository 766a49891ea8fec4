using Npgsql;

namespace Diecast.Api.IntegrationTests.GraphQL.Protection;

/// <summary>
/// Expensive queries (and mutations, by the same path) are limited per client, in counters that every instance
/// shares through PostgreSQL; the refusal is 429 with Retry-After and a RATE_LIMITED error, before any resolver.
/// </summary>
public sealed class RateLimitingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // About three points per product node: a page of 20 products is expensive under the threshold below, { __typename } is not.
    private const string ExpensiveQuery = "{ products(first: 20) { nodes { id name brand } } }";
    private const string CheapQuery = "{ __typename }";

    [Fact]
    public async Task A_client_over_its_limit_gets_429_with_Retry_After_and_nothing_runs()
    {
        await using var limited = Limited(api, permits: 2);
        using var client = limited.CreateClientAs("over-the-limit");
        for (var i = 0; i < 2; i++)
        {
            await client.QueryDataAsync(ExpensiveQuery);
        }

        api.Sql.Clear();
        var (response, body) = await client.PostGraphQLAsync(ExpensiveQuery);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("RATE_LIMITED", body.FirstErrorCode());
        Assert.False(body.TryGetProperty("data", out _));
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
        Assert.Empty(api.Sql.Statements);
    }

    [Fact]
    public async Task Cheap_queries_are_not_counted()
    {
        await using var limited = Limited(api, permits: 1);
        using var client = limited.CreateClientAs("cheap-only");
        for (var i = 0; i < 5; i++)
        {
            await client.QueryDataAsync(CheapQuery);
        }

        await client.QueryDataAsync(ExpensiveQuery);
    }

    [Fact]
    public async Task Each_client_has_its_own_limit()
    {
        await using var limited = Limited(api, permits: 1);
        using var alice = limited.CreateClientAs("alice-own-limit");
        using var bob = limited.CreateAdminClient("bob-own-limit");

        await alice.QueryDataAsync(ExpensiveQuery);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await alice.PostGraphQLAsync(ExpensiveQuery)).Response.StatusCode);
        await bob.QueryDataAsync(ExpensiveQuery);
    }

    [Fact]
    public async Task Instances_sharing_the_database_share_the_limit()
    {
        var time = TestClock.Create();
        await using var first = Limited(api, permits: 2, time: time);
        await using var secondInstance = new ApiFactory();
        await secondInstance.UseDatabaseAsync(api.ConnectionString);
        await using var second = Limited(secondInstance, permits: 2, time: time);
        using var onFirst = first.CreateClientAs("behind-a-balancer");
        using var onSecond = second.CreateClientAs("behind-a-balancer");

        await onFirst.QueryDataAsync(ExpensiveQuery);
        await onSecond.QueryDataAsync(ExpensiveQuery);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await onFirst.PostGraphQLAsync(ExpensiveQuery)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onSecond.PostGraphQLAsync(ExpensiveQuery)).Response.StatusCode);
    }

    [Fact]
    public async Task A_storefront_with_the_forwarding_secret_has_each_shopper_counted_alone()
    {
        const string Secret = "storefront-forwarding-secret-for-the-rate-limit-tests";
        await using var limited = WithLimits(
            api,
            ("ExpensiveQueriesPerWindow", "1"),
            ("ExpensiveQueryComplexity", "40"),
            ("Window", "01:00:00"),
            ("ForwardedClientSecret", Secret));
        using var storefront = limited.CreateClient();

        var first = await AsShopperAsync(storefront, "198.51.100.61", Secret);
        var second = await AsShopperAsync(storefront, "198.51.100.62", Secret);
        var firstAgain = await AsShopperAsync(storefront, "198.51.100.61", Secret);
        // A caller without the secret cannot spend (or escape into) a shopper's permits: it counts as itself.
        await AsShopperAsync(storefront, "198.51.100.63", "not-the-secret");
        var third = await AsShopperAsync(storefront, "198.51.100.63", Secret);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal(HttpStatusCode.TooManyRequests, firstAgain);
        Assert.Equal(HttpStatusCode.OK, third);
    }

    private static async Task<HttpStatusCode> AsShopperAsync(HttpClient storefront, string shopper, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = System.Net.Http.Json.JsonContent.Create(new { query = ExpensiveQuery }) };
        request.Headers.Add(Diecast.GraphQL.Server.Protection.RateLimiting.RateLimitClient.ForwardedClientHeader, shopper);
        request.Headers.Add(Diecast.GraphQL.Server.Protection.RateLimiting.RateLimitClient.ForwardedClientKeyHeader, key);
        using var response = await storefront.SendAsync(request);
        return response.StatusCode;
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("InMemory")]
    public async Task A_new_window_starts_a_new_count_when_the_clock_reaches_it(string store)
    {
        var time = TestClock.Create();
        await using var limited = Limited(api, permits: 1, window: "00:01:00", store: store, time: time);
        using var client = limited.CreateClientAs("next-window-" + store);
        await client.QueryDataAsync(ExpensiveQuery);
        // Windows are the clock's minutes: Retry-After is what is left of this one, in whole seconds rounded up.
        var now = time.GetUtcNow();
        var left = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1) - now;

        var (refused, _) = await client.PostGraphQLAsync(ExpensiveQuery);
        time.Advance(left - TimeSpan.FromTicks(1));
        var (lastMoment, _) = await client.PostGraphQLAsync(ExpensiveQuery);
        time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(((int)Math.Ceiling(left.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.Equal(HttpStatusCode.TooManyRequests, lastMoment.StatusCode);
        await client.QueryDataAsync(ExpensiveQuery);
    }

    [Fact]
    public async Task The_in_memory_store_limits_each_instance_alone()
    {
        await using var limited = Limited(api, permits: 1, store: "InMemory");
        using var client = limited.CreateClientAs("in-memory");
        await client.QueryDataAsync(ExpensiveQuery);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostGraphQLAsync(ExpensiveQuery)).Response.StatusCode);
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM rate_limit_windows WHERE partition_key LIKE '%in-memory'", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Mutations_are_limited_per_admin_and_a_refused_one_writes_nothing()
    {
        await using var limited = WithLimits(api, ("MutationsPerWindow", "2"));
        using var admin = limited.CreateAdminClient("busy-admin");
        var productId = (await admin.QueryDataAsync("{ products(first: 1) { nodes { id } } }")).GetProperty("products").GetProperty("nodes")[0].GetProperty("id").GetString();
        const string Adjust = "mutation($input: AdjustStockInput!) { adjustStock(input: $input) { product { stockQuantity } } }";
        var input = new { productId, delta = 1, reason = "rate limit test" };
        for (var i = 0; i < 2; i++)
        {
            await admin.QueryDataAsync(Adjust, new { input });
        }

        var (response, body) = await admin.PostGraphQLAsync(Adjust, new { input });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("RATE_LIMITED", body.FirstErrorCode());
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM stock_movements WHERE reason = 'rate limit test'", connection);
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Refused_requests_take_no_permit()
    {
        await using var limited = WithLimits(api, ("MutationsPerWindow", "1"));
        using var anonymous = limited.CreateClient();
        using var admin = limited.CreateAdminClient("careful-admin");
        const string Adjust = "mutation($input: AdjustStockInput!) { adjustStock(input: $input) { product { stockQuantity } } }";
        var productId = (await admin.QueryDataAsync("{ products(first: 1) { nodes { id } } }")).GetProperty("products").GetProperty("nodes")[0].GetProperty("id").GetString();
        var input = new { productId, delta = 1, reason = "permit test" };

        // Refused for who is asking, and for how it was sent: neither counts against the admin's one mutation.
        var (unauthorized, _) = await anonymous.PostGraphQLAsync(Adjust, new { input });
        var overGet = await admin.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { adjustStock(input: { productId: \"" + productId + "\", delta: 1, reason: \"permit test\" }) { product { stockQuantity } } }"));
        var (allowed, body) = await admin.PostGraphQLAsync(Adjust, new { input });

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, overGet.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.False(body.TryGetProperty("errors", out _));
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("InMemory")]
    public async Task Each_mutation_field_takes_a_permit_aliases_and_fragments_included(string store)
    {
        await using var limited = WithLimits(api, ("MutationsPerWindow", "3"), ("Store", store));
        using var admin = limited.CreateAdminClient("aliasing-admin-" + store);
        var productId = await FirstProductIdAsync(admin);
        var reason = "per-field permits " + store;
        var twoFields = """
            mutation($input: AdjustStockInput!) {
              a: adjustStock(input: $input) { product { id } }
              ...More
              __typename
            }
            fragment More on Mutation { b: adjustStock(input: $input) { product { id } } }
            """;
        var input = new { productId, delta = 1, reason };

        await admin.QueryDataAsync(twoFields, new { input });
        var (response, body) = await admin.PostGraphQLAsync(twoFields, new { input });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("RATE_LIMITED", body.FirstErrorCode());
        Assert.Equal(2L, await AdjustmentsAsync(reason));
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("InMemory")]
    public async Task A_request_refused_for_the_window_takes_no_permit_and_smaller_ones_still_fit(string store)
    {
        await using var limited = WithLimits(api, ("MutationsPerWindow", "5"), ("Store", store));
        using var admin = limited.CreateAdminClient("partly-used-admin-" + store);
        var productId = await FirstProductIdAsync(admin);
        var reason = "partly used window " + store;
        var input = new { productId, delta = 1, reason };

        await admin.QueryDataAsync(Batch(2), new { input });
        var (refused, refusedBody) = await admin.PostGraphQLAsync(Batch(4), new { input });
        var (again, againBody) = await admin.PostGraphQLAsync(Batch(4), new { input });
        var (allowed, allowedBody) = await admin.PostGraphQLAsync(Batch(3), new { input });
        var (full, _) = await admin.PostGraphQLAsync(Batch(1), new { input });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("RATE_LIMITED", refusedBody.FirstErrorCode());
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.False(allowedBody.TryGetProperty("errors", out _), allowedBody.ToString());
        Assert.Equal(HttpStatusCode.TooManyRequests, full.StatusCode);
        Assert.Equal(5L, await AdjustmentsAsync(reason));
    }

    [Fact]
    public async Task A_request_with_more_mutation_fields_than_a_window_allows_is_refused_whole_and_takes_no_permit()
    {
        await using var limited = WithLimits(api, ("MutationsPerWindow", "5"));
        using var admin = limited.CreateAdminClient("batching-admin");
        var productId = await FirstProductIdAsync(admin);
        var input = new { productId, delta = 1, reason = "batched" };

        var (response, body) = await admin.PostGraphQLAsync(Batch(200), new { input });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("TOO_MANY_MUTATIONS", body.FirstErrorCode());
        Assert.Equal(0L, await AdjustmentsAsync("batched"));
        // The refusal took no permit: the window's five are all there.
        await admin.QueryDataAsync(Batch(5), new { input });
        Assert.Equal(5L, await AdjustmentsAsync("batched"));
    }

    /// <summary>One mutation of <paramref name="fields"/> aliased adjustStock fields, all with <c>$input</c>.</summary>
    private static string Batch(int fields) =>
        "mutation($input: AdjustStockInput!) {" + string.Concat(Enumerable.Range(0, fields).Select(i => $" m{i}: adjustStock(input: $input) {{ product {{ id }} }}")) + " }";

    private static async Task<string?> FirstProductIdAsync(HttpClient admin) =>
        (await admin.QueryDataAsync("{ products(first: 1) { nodes { id } } }")).GetProperty("products").GetProperty("nodes")[0].GetProperty("id").GetString();

    private async Task<long> AdjustmentsAsync(string reason)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM stock_movements WHERE reason = $1", connection);
        command.Parameters.AddWithValue(reason);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Expensive-query limits: <c>ExpensiveQuery</c> is expensive, <c>CheapQuery</c> is not.</summary>
    private static WebApplicationFactory<Program> Limited(ApiFactory factory, int permits, string window = "01:00:00", string store = "PostgreSql", TimeProvider? time = null) =>
        WithLimits(
            factory,
            time,
            ("ExpensiveQueriesPerWindow", permits.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("ExpensiveQueryComplexity", "40"),
            ("Window", window),
            ("Store", store));

    private static WebApplicationFactory<Program> WithLimits(ApiFactory factory, params (string Setting, string Value)[] limits) =>
        WithLimits(factory, null, limits);

    /// <summary>
    /// The instance with these <c>GraphQL:RateLimit</c> settings, on <paramref name="time"/> or else on a stopped clock,
    /// so that no window ends in the middle of a test.
    /// </summary>
    private static WebApplicationFactory<Program> WithLimits(ApiFactory factory, TimeProvider? time, params (string Setting, string Value)[] limits) =>
        factory.WithWebHostBuilder(builder =>
        {
            foreach (var (setting, value) in limits)
            {
                builder.UseSetting("GraphQL:RateLimit:" + setting, value);
            }
        }).WithClock(time ?? TestClock.Create());
}
