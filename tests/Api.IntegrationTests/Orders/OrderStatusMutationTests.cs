using Diecast.Api.Orders;

namespace Diecast.Api.IntegrationTests.Orders;

/// <summary>updateOrderStatus moves orders only along the state machine, one move at a time.</summary>
public sealed class OrderStatusMutationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Move = "mutation($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { order { id status } errors { __typename ... on Error { message } ... on InvalidTransitionError { from to } ... on ValidationError { path } ... on NotFoundError { id } } } }";

    public static TheoryData<string, string> EveryMove()
    {
        var statuses = new[] { "PENDING_PAYMENT", "PAID", "FULFILLING", "SHIPPED", "DELIVERED", "CANCELLED", "REFUNDED" };
        var moves = new TheoryData<string, string>();
        foreach (var from in statuses)
        {
            foreach (var to in statuses)
            {
                moves.Add(from, to);
            }
        }

        return moves;
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public async Task Only_the_state_machines_moves_are_allowed(string from, string to)
    {
        using var admin = api.CreateAdminClient();
        var (orderId, number) = await TestOrders.InsertAsync(api.ConnectionString, from);

        var version = await TestOrders.VersionAsync(api.ConnectionString, orderId);

        var payload = (await admin.QueryDataAsync(Move, new { input = new { id = orderId, version, status = to } })).GetProperty("updateOrderStatus");

        var allowed = OrderStatusTransitions.AdminMayMove(Parse(from), Parse(to));
        var stored = await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT status::text FROM orders WHERE number = '{number}'");
        if (allowed)
        {
            Assert.Equal(to, payload.GetProperty("order").GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
            Assert.Equal(Parse(to), Parse(stored));
        }
        else
        {
            var error = payload.GetProperty("errors")[0];
            Assert.Equal("InvalidTransitionError", error.GetProperty("__typename").GetString());
            Assert.Equal(from, error.GetProperty("from").GetString());
            Assert.Equal(to, error.GetProperty("to").GetString());
            // Statuses are named as the schema spells them (PENDING_PAYMENT), never as C# members (PendingPayment).
            // A refund is refundOrder's (it moves money), so the message says where to go instead.
            Assert.Matches(
                to == "REFUNDED" && from is "PAID" or "FULFILLING" or "SHIPPED" or "DELIVERED"
                    ? $"^An order that is {from} cannot become REFUNDED here: refund it with refundOrder, which returns the money through Razorpay\\.$"
                    : $"^An order that is {from} cannot become {to}; it (is final|can become [A-Z_]+( or [A-Z_]+)*)\\.$",
                error.GetProperty("message").GetString());
            Assert.Equal(Parse(from), Parse(stored));
        }
    }

    [Fact]
    public void Payment_and_refunds_are_never_an_admins_to_mark_and_the_end_states_are_final()
    {
        Assert.False(OrderStatusTransitions.AdminMayMove(OrderStatus.PendingPayment, OrderStatus.Paid));
        // Deliberately changed with the payment/fulfilment split: REFUNDED was a label; refundOrder now returns the money.
        Assert.All(Enum.GetValues<OrderStatus>(), from => Assert.False(OrderStatusTransitions.AdminMayMove(from, OrderStatus.Refunded)));
        Assert.Empty(OrderStatusTransitions.ByAdmin[OrderStatus.Delivered]);
        Assert.Empty(OrderStatusTransitions.ByAdmin[OrderStatus.Cancelled]);
        Assert.Empty(OrderStatusTransitions.ByAdmin[OrderStatus.Refunded]);
    }

    [Fact]
    public async Task Two_admins_moving_the_same_order_at_once_do_not_both_succeed()
    {
        using var admin = api.CreateAdminClient();
        var (orderId, _) = await TestOrders.InsertAsync(api.ConnectionString, "SHIPPED");
        var version = await TestOrders.VersionAsync(api.ConnectionString, orderId);

        // However the two interleave, the second finds the order delivered (an invalid move) or changed under it (a conflict).
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            admin.PostGraphQLAsync(Move, new { input = new { id = orderId, version, status = "DELIVERED" } })));

        var succeeded = results.Count(r => r.Body.GetProperty("data").GetProperty("updateOrderStatus").GetProperty("order").ValueKind == JsonValueKind.Object);
        Assert.Equal(1, succeeded);
    }

    [Fact]
    public async Task An_unknown_order_is_not_found()
    {
        using var admin = api.CreateAdminClient();
        var id = Convert.ToBase64String("Order:987654"u8.ToArray());

        var error = (await admin.QueryDataAsync(Move, new { input = new { id, version = 0L, status = "SHIPPED" } })).GetProperty("updateOrderStatus").GetProperty("errors")[0];

        Assert.Equal("NotFoundError", error.GetProperty("__typename").GetString());
    }

    private static OrderStatus Parse(string status) => Enum.Parse<OrderStatus>(status.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
}
