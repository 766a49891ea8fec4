using static Diecast.Api.IntegrationTests.Checkout.Shoppers;

namespace Diecast.Api.IntegrationTests.Checkout;

/// <summary>Stock is never oversold: fifty buyers of the last five units make exactly five orders, in one process or two.</summary>
public sealed class ConcurrentCheckoutTests(CheckoutApi api) : IClassFixture<CheckoutApi>
{
    private const int Buyers = 50;
    private const int LastUnits = 5;

    [Fact]
    public async Task Fifty_concurrent_buyers_of_the_last_five_units_make_exactly_five_orders()
    {
        var product = await NewProductAsync(api.ConnectionString, stock: LastUnits);
        var clients = Enumerable.Range(0, Buyers).Select(_ => api.CreateClient()).ToList();

        var answers = await Task.WhenAll(clients.Select(client => PlaceAsync(client, Input([(product.GlobalId, 1)]))));

        await AssertExactlyFiveSoldAsync(api.ConnectionString, product.Id, answers);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Fifty_buyers_spread_over_two_API_processes_on_one_database_make_exactly_five_orders()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        // Both processes talk to the class's fake Razorpay; every buyer comes from 127.0.0.1, so the mutation limit is raised.
        var settings = new Dictionary<string, string>(api.Razorpay.EnvironmentVariables) { ["GraphQL__RateLimit__MutationsPerWindow"] = "100000" };
        // The test cluster serves every test class at once: each process gets a pool of 10 connections, so 25 buyers each queue for them.
        var pooled = connectionString + ";Maximum Pool Size=10";
        await using var one = await ApiProcess.StartAsync(settings, pooled);
        await using var two = await ApiProcess.StartAsync(settings, pooled);
        var product = await NewProductAsync(connectionString, stock: LastUnits);

        // Every other buyer goes to the other process, all at once.
        var answers = await Task.WhenAll(Enumerable.Range(0, Buyers).Select(i => PlaceAsync(i % 2 == 0 ? one.Client : two.Client, Input([(product.GlobalId, 1)]))));

        await AssertExactlyFiveSoldAsync(connectionString, product.Id, answers);
    }

    private static async Task AssertExactlyFiveSoldAsync(string connectionString, int productId, JsonElement[] answers)
    {
        var placed = answers.Where(a => a.GetProperty("order").ValueKind == JsonValueKind.Object).ToList();
        var refused = answers.Where(a => a.GetProperty("errors").ValueKind == JsonValueKind.Array).ToList();
        Assert.Equal(LastUnits, placed.Count);
        Assert.Equal(Buyers - LastUnits, refused.Count);
        Assert.All(refused, a =>
        {
            var error = Assert.Single(a.GetProperty("errors").EnumerateArray());
            Assert.Equal("InsufficientStockError", error.GetProperty("__typename").GetString());
            Assert.Equal(0, error.GetProperty("available").GetInt32());
        });
        Assert.Equal(LastUnits, placed.Select(a => a.Number()).Distinct().Count());
        Assert.Equal(0, await TestSql.ScalarAsync<int>(connectionString, $"SELECT stock_quantity FROM products WHERE id = {productId}"));
        Assert.Equal(LastUnits, await CountAsync(connectionString, $"SELECT count(*) FROM order_items WHERE product_id = {productId}"));
        Assert.Equal(
            Enumerable.Range(0, LastUnits).Reverse().Select(after => $"Reservation|-1|{after}"),
            await TestSql.StringsAsync(connectionString, $"SELECT kind || '|' || delta || '|' || stock_after FROM stock_movements WHERE product_id = {productId} ORDER BY id"));
    }
}
