using Diecast.Api.Data;
using Diecast.Api.Orders;
using Diecast.Api.Payments.Razorpay;
using Diecast.Api.Payments.Simulator;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.IntegrationTests.Payments;

/// <summary>One Razorpay order per order of ours, ever: lost answers, Razorpay errors, concurrent callers on two API instances.</summary>
public sealed class RazorpayOrdersTests(ApiFactory database) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly ApiFactory _database = database;
    private FakeRazorpay _fake = null!;
    private WebApplicationFactory<Program> _api = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeRazorpay.StartAsync();
        _api = Instance(_database);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private WebApplicationFactory<Program> Instance(ApiFactory factory) => factory.WithWebHostBuilder(builder =>
    {
        foreach (var (name, value) in _fake.Settings)
        {
            builder.UseSetting(name, value);
        }

        // Failure tests end in milliseconds rather than Razorpay's production timeouts.
        builder.UseSetting("Razorpay:AttemptTimeout", "00:00:02");
        builder.UseSetting("Razorpay:RetryDelay", "00:00:00.010");
    });

    private async Task<(int Id, string Number, decimal Total)> PendingOrderAsync(int? holdMinutes = null)
    {
        var (_, number) = await TestOrders.InsertAsync(_database.ConnectionString, "PENDING_PAYMENT");
        if (holdMinutes is { } minutes)
        {
            await TestSql.ExecuteAsync(_database.ConnectionString, $"UPDATE orders SET hold_expires_at = now() + interval '{minutes} minutes' WHERE number = '{number}'");
        }

        var id = await TestSql.ScalarAsync<int>(_database.ConnectionString, $"SELECT id FROM orders WHERE number = '{number}'");
        var total = await TestSql.ScalarAsync<decimal>(_database.ConnectionString, $"SELECT total FROM orders WHERE id = {id}");
        return (id, number, total);
    }

    private static async Task<T> WithOrdersAsync<T>(WebApplicationFactory<Program> api, Func<RazorpayOrders, Task<T>> use)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<RazorpayOrders>());
    }

    private async Task<string?> StoredIdAsync(int id) =>
        await TestSql.ScalarAsync<string>(_database.ConnectionString, $"SELECT coalesce(razorpay_order_id, '') FROM orders WHERE id = {id}") is { Length: > 0 } stored ? stored : null;

    private Task<long> PaymentStartedEventsAsync(int id) =>
        TestSql.ScalarAsync<long>(_database.ConnectionString, $"SELECT count(*) FROM order_events WHERE order_id = {id} AND kind = 'PaymentStarted'");

    [Fact]
    public async Task Ids_stored_together_are_each_stored_once_with_their_timeline_entry_and_never_over_one_already_there()
    {
        var (fresh, alsoFresh, known) = (await PendingOrderAsync(), await PendingOrderAsync(), await PendingOrderAsync());
        await TestSql.ExecuteAsync(_database.ConnectionString, $"UPDATE orders SET razorpay_order_id = 'order_known{known.Id}' WHERE id = {known.Id}");
        var ids = _api.Services.GetRequiredService<RazorpayOrderIds>();
        RazorpayOrderIdToStore Store(int orderId, string razorpayId) => new(orderId, razorpayId, $"Razorpay order {razorpayId} created.", $$"""{"razorpayOrderId":"{{razorpayId}}"}""");

        var answers = await ids.StoreTogetherAsync(
            [Store(fresh.Id, $"order_a{fresh.Id}"), Store(known.Id, $"order_b{known.Id}"), Store(fresh.Id, $"order_c{fresh.Id}"), Store(alsoFresh.Id, $"order_d{alsoFresh.Id}")],
            default);

        // The second store for the same order is not sent with the batch: alone, it finds the first one's id there.
        Assert.Equal([true, false, null, true], answers);
        Assert.False(await ids.StoreAsync(Store(fresh.Id, $"order_c{fresh.Id}"), default));
        Assert.Equal(($"order_a{fresh.Id}", $"order_known{known.Id}", $"order_d{alsoFresh.Id}"), (await StoredIdAsync(fresh.Id), await StoredIdAsync(known.Id), await StoredIdAsync(alsoFresh.Id)));
        Assert.Equal(
            [$"{fresh.Id} System Razorpay order order_a{fresh.Id} created. order_a{fresh.Id}", $"{alsoFresh.Id} System Razorpay order order_d{alsoFresh.Id} created. order_d{alsoFresh.Id}"],
            await TestSql.StringsAsync(_database.ConnectionString, $"""
                SELECT order_id || ' ' || actor || ' ' || message || ' ' || (data ->> 'razorpayOrderId') FROM order_events
                WHERE kind = 'PaymentStarted' AND order_id IN ({fresh.Id}, {known.Id}, {alsoFresh.Id}) ORDER BY order_id
                """));
    }

    [Fact]
    public async Task The_razorpay_order_has_our_total_in_paise_our_number_as_receipt_and_the_rest_of_the_hold_as_capture_window_and_is_made_once()
    {
        var (id, number, total) = await PendingOrderAsync(holdMinutes: 45);

        var created = await WithOrdersAsync(_api, async orders =>
        {
            await using var scope = _api.Services.CreateAsyncScope();
            var order = await scope.ServiceProvider.GetRequiredService<DiecastDbContext>().Orders.SingleAsync(o => o.Id == id);
            return await orders.EnsureCreatedAsync(order, CancellationToken.None);
        });
        var again = await WithOrdersAsync(_api, orders => orders.EnsureIdAsync(id, CancellationToken.None));

        var made = Assert.Single(_fake.State.Orders);
        Assert.Equal(made.Id, created.Id);
        Assert.Equal(made.Id, again);
        Assert.Equal(1, _fake.State.Calls(SimulatorRoutes.CreateOrder));
        Assert.Equal(RazorpayAmounts.ToPaise(total), made.AmountPaise);
        Assert.Equal(total, created.Amount);
        Assert.Equal("INR", made.Currency);
        Assert.Equal(number, made.Receipt);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), made.Notes["order_id"]);
        Assert.Equal(number, made.Notes["order_number"]);
        Assert.Equal("automatic", made.Capture);
        Assert.Equal(45, made.AutomaticExpiryMinutes);
        Assert.Equal("normal", made.RefundSpeed);
        Assert.Equal(made.Id, await StoredIdAsync(id));
        Assert.Equal(1, await PaymentStartedEventsAsync(id));
        var message = await TestSql.ScalarAsync<string>(_database.ConnectionString, $"SELECT message FROM order_events WHERE order_id = {id} AND kind = 'PaymentStarted'");
        Assert.Contains(made.Id, message, StringComparison.Ordinal);
        Assert.DoesNotContain(_fake.KeySecret, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_without_a_hold_gets_checkouts_hold_and_never_less_than_twelve_minutes()
    {
        var (withoutHold, _, _) = await PendingOrderAsync();
        var (shortHold, _, _) = await PendingOrderAsync(holdMinutes: 5);

        await WithOrdersAsync(_api, orders => orders.EnsureIdAsync(withoutHold, CancellationToken.None));
        await WithOrdersAsync(_api, orders => orders.EnsureIdAsync(shortHold, CancellationToken.None));

        Assert.Equal(30, _fake.State.FindOrder((await StoredIdAsync(withoutHold))!)!.AutomaticExpiryMinutes);
        Assert.Equal(12, _fake.State.FindOrder((await StoredIdAsync(shortHold))!)!.AutomaticExpiryMinutes);
    }

    [Fact]
    public async Task An_order_created_whose_answer_was_lost_is_found_by_its_receipt_on_the_next_call_and_not_made_twice()
    {
        var (id, number, _) = await PendingOrderAsync();
        _fake.State.FailNext(SimulatorRoutes.CreateOrder, SimulatedFailureKind.ResponseLost);

        var e = await Assert.ThrowsAsync<RazorpayException>(() => WithOrdersAsync(_api, orders => orders.EnsureIdAsync(id, CancellationToken.None)));
        Assert.True(e.IsTransient);
        Assert.Null(await StoredIdAsync(id));
        Assert.Equal(0, await PaymentStartedEventsAsync(id));

        var razorpayOrderId = await WithOrdersAsync(_api, orders => orders.EnsureIdAsync(id, CancellationToken.None));

        var made = Assert.Single(_fake.State.Orders);
        Assert.Equal(made.Id, razorpayOrderId);
        Assert.Equal(number, made.Receipt);
        Assert.Equal(1, _fake.State.Calls(SimulatorRoutes.CreateOrder));
        Assert.Equal(made.Id, await StoredIdAsync(id));
        Assert.Equal(1, await PaymentStartedEventsAsync(id));
    }

    [Fact]
    public async Task A_razorpay_server_error_stores_nothing_and_a_later_call_succeeds()
    {
        var (id, _, _) = await PendingOrderAsync();
        _fake.State.FailNext(SimulatorRoutes.CreateOrder, SimulatedFailureKind.ServerError);

        var e = await Assert.ThrowsAsync<RazorpayException>(() => WithOrdersAsync(_api, orders => orders.EnsureIdAsync(id, CancellationToken.None)));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.Empty(_fake.State.Orders);
        Assert.Null(await StoredIdAsync(id));
        Assert.Equal(0, await PaymentStartedEventsAsync(id));

        var razorpayOrderId = await WithOrdersAsync(_api, orders => orders.EnsureIdAsync(id, CancellationToken.None));

        Assert.Equal(Assert.Single(_fake.State.Orders).Id, razorpayOrderId);
        Assert.Equal(2, _fake.State.Calls(SimulatorRoutes.CreateOrder));
    }

    [Fact]
    public async Task Concurrent_calls_on_two_api_instances_make_one_razorpay_order()
    {
        var (id, _, _) = await PendingOrderAsync();
        await using var secondDatabase = new ApiFactory();
        await secondDatabase.UseDatabaseAsync(_database.ConnectionString);
        // Razorpay's answer is not what this test is about: a busy machine must not time the winner's call out.
        await using var first = _api.WithWebHostBuilder(builder => builder.UseSetting("Razorpay:AttemptTimeout", "00:00:30"));
        await using var second = Instance(secondDatabase).WithWebHostBuilder(builder => builder.UseSetting("Razorpay:AttemptTimeout", "00:00:30"));
        _ = first.Services;
        _ = second.Services;

        // A caller that finds another attempt making it is told so (nothing sent), instead of waiting on a held connection.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            try
            {
                return await WithOrdersAsync(i % 2 == 0 ? first : second, orders => orders.EnsureIdAsync(id, CancellationToken.None));
            }
            catch (RazorpayOrderInProgressException)
            {
                return null;
            }
        })));
        var afterwards = await WithOrdersAsync(second, orders => orders.EnsureIdAsync(id, CancellationToken.None));

        var made = Assert.Single(_fake.State.Orders);
        Assert.Contains(answers, answer => answer is not null);
        Assert.All(answers.OfType<string>(), razorpayOrderId => Assert.Equal(made.Id, razorpayOrderId));
        Assert.Equal(made.Id, afterwards);
        Assert.Equal(1, _fake.State.Calls(SimulatorRoutes.CreateOrder));
        Assert.Equal(1, await PaymentStartedEventsAsync(id));
    }

    [Fact]
    public async Task An_attempt_that_died_holding_its_claim_blocks_others_only_until_its_lease_ends_and_the_next_asks_by_receipt()
    {
        var clock = TestClock.Create();
        await using var api = Instance(_database).WithClock(clock);
        var (id, _, _) = await PendingOrderAsync(holdMinutes: 30);
        // An instance claimed the order and was killed before Razorpay answered (or before it stored the answer).
        await TestSql.ExecuteAsync(_database.ConnectionString,
            $"UPDATE orders SET razorpay_order_requested_at = '{clock.StoredNow():O}' WHERE id = {id}");

        await Assert.ThrowsAsync<RazorpayOrderInProgressException>(() => WithOrdersAsync(api, orders => orders.EnsureIdAsync(id, CancellationToken.None)));
        Assert.Empty(_fake.State.Requests);

        // Razorpay's total timeout (30 s by default) plus the claim's margin, and a second more.
        clock.Advance(TimeSpan.FromSeconds(30) + RazorpayOrders.ClaimMargin + TimeSpan.FromSeconds(1));
        var razorpayOrderId = await WithOrdersAsync(api, orders => orders.EnsureIdAsync(id, CancellationToken.None));

        Assert.Equal(1, _fake.State.Calls(SimulatorRoutes.ListOrders));
        Assert.Equal(Assert.Single(_fake.State.Orders).Id, razorpayOrderId);
        Assert.Equal(razorpayOrderId, await StoredIdAsync(id));
        Assert.Equal(1, await PaymentStartedEventsAsync(id));
    }

    [Fact]
    public async Task A_first_attempt_creates_without_asking_by_receipt_and_a_failed_one_lets_the_next_start_at_once_by_receipt()
    {
        var (id, _, _) = await PendingOrderAsync();

        _fake.State.FailNext(SimulatorRoutes.CreateOrder, SimulatedFailureKind.ServerError);
        await Assert.ThrowsAsync<RazorpayException>(() => WithOrdersAsync(_api, orders => orders.EnsureIdAsync(id, CancellationToken.None)));
        Assert.Equal(0, _fake.State.Calls(SimulatorRoutes.ListOrders));

        var razorpayOrderId = await WithOrdersAsync(_api, orders => orders.EnsureIdAsync(id, CancellationToken.None));

        Assert.Equal(1, _fake.State.Calls(SimulatorRoutes.ListOrders));
        Assert.Equal(Assert.Single(_fake.State.Orders).Id, razorpayOrderId);
    }

    [Fact]
    public async Task A_receipt_used_by_an_order_that_is_not_ours_is_not_adopted()
    {
        var (id, number, total) = await PendingOrderAsync();
        // Another database on the same Razorpay account once had an order with this number.
        await using (var scope = _api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IRazorpayClient>().CreateOrderAsync(
                new RazorpayOrderRequest(total, "INR", number, new Dictionary<string, string> { ["order_id"] = "999999" }, TimeSpan.FromMinutes(30)), CancellationToken.None);
        }

        var razorpayOrderId = await WithOrdersAsync(_api, orders => orders.EnsureIdAsync(id, CancellationToken.None));

        Assert.Equal(2, _fake.State.Orders.Count);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), _fake.State.FindOrder(razorpayOrderId)!.Notes["order_id"]);
    }

    [Fact]
    public async Task An_order_whose_hold_has_ended_is_refused_without_calling_razorpay()
    {
        var (id, _, _) = await PendingOrderAsync(holdMinutes: -1);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => WithOrdersAsync(_api, orders => orders.EnsureIdAsync(id, CancellationToken.None)));

        Assert.Contains("stock hold ended", e.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.State.Requests);
        Assert.Null(await StoredIdAsync(id));
    }

    [Theory]
    [InlineData("PAID", "PAID")]
    [InlineData("CANCELLED", "VOIDED")]
    public async Task An_order_that_takes_no_payment_is_refused_without_calling_razorpay(string status, string named)
    {
        var (_, number) = await TestOrders.InsertAsync(_database.ConnectionString, status);
        var id = await TestSql.ScalarAsync<int>(_database.ConnectionString, $"SELECT id FROM orders WHERE number = '{number}'");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => WithOrdersAsync(_api, orders => orders.EnsureIdAsync(id, CancellationToken.None)));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.State.Requests);
        Assert.Null(await StoredIdAsync(id));
    }
}
