using Diecast.Api.Checkout;
using static Diecast.Api.IntegrationTests.Checkout.Shoppers;

namespace Diecast.Api.IntegrationTests.Checkout;

/// <summary>Unpaid orders give their stock back when the hold runs out: once, whoever runs the expiry, on the clock the test moves.</summary>
public sealed class OrderHoldExpiryTests(CheckoutApi api) : IClassFixture<CheckoutApi>
{
    [Fact]
    public async Task An_unpaid_order_keeps_its_stock_for_the_hold_and_then_gives_it_back_and_reads_cancelled()
    {
        var time = TestClock.Create();
        await using var instance = api.WithClock(time);
        using var client = instance.CreateClient();
        var expiry = instance.Services.GetRequiredService<OrderHoldExpiry>();
        var product = await NewProductAsync(api.ConnectionString, stock: 5);
        var placed = await PlacedAsync(client, Input([(product.GlobalId, 2)]));
        var number = placed.Number();
        var token = placed.GetProperty("orderToken").GetString();

        time.Advance(TimeSpan.FromMinutes(29));
        await expiry.RunOnceAsync(CancellationToken.None);
        Assert.Equal(3, await StockAsync(product.Id));
        Assert.Equal("held|awaiting_payment", await StateAsync(number));

        time.Advance(TimeSpan.FromMinutes(1));
        await expiry.RunOnceAsync(CancellationToken.None);

        // The instance's own timer fired on the same clock and may be the one expiring it.
        await WaitUntilAsync(async () => await StockAsync(product.Id) == 5);
        Assert.Equal("released|expired", await StateAsync(number));
        Assert.Equal("cancelled", await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT status::text FROM orders WHERE number = '{number}'"));
        Assert.Equal(
            [$"Reservation|-2|checkout", $"Release|2|{OrderHoldExpiry.Actor}"],
            await TestSql.StringsAsync(api.ConnectionString, $"SELECT kind || '|' || delta || '|' || actor FROM stock_movements WHERE order_id = (SELECT id FROM orders WHERE number = '{number}') ORDER BY id"));
        Assert.Equal(
            ["Placed|Customer", "PaymentStarted|System", "Expired|Expiry"],
            await TestSql.StringsAsync(api.ConnectionString, $"SELECT kind || '|' || actor FROM order_events WHERE order_id = (SELECT id FROM orders WHERE number = '{number}') ORDER BY id"));

        var seen = (await client.QueryDataAsync("query($token: String!) { orderByToken(token: $token) { status paymentStatus holdExpiresAt payment { razorpayOrderId } timeline { message } } }", new { token }))
            .GetProperty("orderByToken");
        Assert.Equal(("CANCELLED", "EXPIRED"), (seen.GetProperty("status").GetString(), seen.GetProperty("paymentStatus").GetString()));
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("holdExpiresAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("payment").ValueKind);
        Assert.Equal(2, seen.GetProperty("timeline").GetArrayLength());
    }

    [Fact]
    public async Task Two_runners_at_once_release_each_order_once()
    {
        var time = TestClock.Create();
        await using var first = api.WithClock(time);
        await using var second = new ApiFactory();
        await second.UseDatabaseAsync(api.ConnectionString);
        await using var secondInstance = second.WithClock(time);
        using var client = first.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 12);
        var numbers = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            numbers.Add((await PlacedAsync(client, Input([(product.GlobalId, 1)]))).Number());
        }

        Assert.Equal(0, await StockAsync(product.Id));
        time.Advance(TimeSpan.FromMinutes(31));

        var counts = await Task.WhenAll(
            first.Services.GetRequiredService<OrderHoldExpiry>().RunOnceAsync(CancellationToken.None),
            secondInstance.Services.GetRequiredService<OrderHoldExpiry>().RunOnceAsync(CancellationToken.None));

        // Each instance's own timer fires on the same clock and may hold some of the orders (then these runs skip them):
        // what matters is that every order is released exactly once, whoever does it.
        Assert.InRange(counts.Sum(), 0, 12);
        await WaitUntilAsync(async () => await StockAsync(product.Id) == 12);
        Assert.Equal(12, await CountAsync(api.ConnectionString, $"SELECT count(*) FROM stock_movements WHERE product_id = {product.Id} AND kind = 'Release'"));
        Assert.Equal(12, await CountAsync(api.ConnectionString, $"SELECT count(*) FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.number = ANY(ARRAY['{string.Join("','", numbers)}']) AND e.kind = 'Expired'"));
    }

    [Fact]
    public async Task An_authorized_payment_keeps_the_order_past_its_hold_and_a_paid_one_is_never_expired()
    {
        var time = TestClock.Create();
        await using var instance = api.WithClock(time);
        using var client = instance.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 4);
        var authorized = (await PlacedAsync(client, Input([(product.GlobalId, 1)]))).Number();
        var paid = (await PlacedAsync(client, Input([(product.GlobalId, 1)]))).Number();
        await TestSql.ExecuteAsync(api.ConnectionString, $"UPDATE orders SET payment_status = 'authorized' WHERE number = '{authorized}'");
        await TestSql.ExecuteAsync(api.ConnectionString, $"UPDATE orders SET payment_status = 'paid', amount_paid = total WHERE number = '{paid}'");

        time.Advance(TimeSpan.FromHours(2));
        await instance.Services.GetRequiredService<OrderHoldExpiry>().RunOnceAsync(CancellationToken.None);

        Assert.Equal("held|authorized", await StateAsync(authorized));
        Assert.Equal("held|paid", await StateAsync(paid));
        Assert.Equal(2, await StockAsync(product.Id));
    }

    [Fact]
    public async Task A_pre_order_that_is_not_paid_expires_too_and_gives_back_nothing()
    {
        var time = TestClock.Create();
        await using var instance = api.WithClock(time);
        using var client = instance.CreateClient();
        var preOrder = await NewProductAsync(api.ConnectionString, stock: 0, status: "pre_order");
        var number = (await PlacedAsync(client, Input([(preOrder.GlobalId, 2)]))).Number();

        time.Advance(TimeSpan.FromMinutes(31));
        await instance.Services.GetRequiredService<OrderHoldExpiry>().RunOnceAsync(CancellationToken.None);

        // The instance's own timer fired on the same clock and may be the one expiring it.
        await WaitUntilAsync(async () => await StateAsync(number) == "none|expired");
        Assert.Equal(0, await StockAsync(preOrder.Id));
    }

    [Fact]
    public async Task The_service_runs_on_the_injected_clock_every_interval()
    {
        var time = TestClock.Create();
        await using var instance = api.WithClock(time).WithWebHostBuilder(b => b.UseSetting("Checkout:ExpiryIntervalSeconds", "60").UseSetting("Checkout:ExpiryEnabled", "true"));
        using var client = instance.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 1);
        var number = (await PlacedAsync(client, Input([(product.GlobalId, 1)]))).Number();

        // The hosted service's timer fires when the clock passes each interval; no test code runs the expiry here.
        for (var minute = 0; minute < 31; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await WaitUntilAsync(async () => await StateAsync(number) == "released|expired");
        Assert.Equal(1, await StockAsync(product.Id));
    }

    private Task<int> StockAsync(int productId) => TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE id = {productId}");

    private Task<string> StateAsync(string number) =>
        TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT reservation_status::text || '|' || payment_status::text FROM orders WHERE number = '{number}'");

    /// <summary>Waits for a condition the background service brings about (checked each time the database answers, 30 s at most).</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 30 s.");
            await Task.Yield();
        }
    }
}
