using Diecast.Api.IntegrationTests.GraphQL.Mutations;
using static Diecast.Api.IntegrationTests.Checkout.Shoppers;

namespace Diecast.Api.IntegrationTests.Checkout;

/// <summary>An order that committed is reported as placed, even when the database fails for every statement after the commit.</summary>
public sealed class PlaceOrderCommitTests(MutationCommitTests.FailAfterCommitApi api) : IClassFixture<MutationCommitTests.FailAfterCommitApi>
{
    [Fact]
    public async Task A_committed_order_is_answered_as_placed_when_the_database_goes_away_right_after_the_commit()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 3);
        var input = Input([(product.GlobalId, 2)]);

        api.Failure.Arm();
        JsonElement payload;
        try
        {
            payload = await PlacedAsync(client, input);
        }
        finally
        {
            api.Failure.Disarm();
        }

        // Everything the answer shows was read back by the transaction's own statements.
        var number = payload.Number();
        Assert.Equal(1, await CountAsync(api.ConnectionString, $"SELECT count(*) FROM orders WHERE number = '{number}' AND idempotency_key = '{input["idempotencyKey"]}'"));
        Assert.Equal(1, await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE id = {product.Id}"));
        Assert.Equal(2, payload.GetProperty("order").GetProperty("items")[0].GetProperty("quantity").GetInt32());
        Assert.Equal("PENDING_PAYMENT", payload.GetProperty("order").GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("orderToken").GetString()));
        // Razorpay's order could not be stored: the answer says payment is not ready and may be retried with the key.
        Assert.True(payload.GetProperty("paymentError").GetProperty("retryable").GetBoolean());
    }
}
