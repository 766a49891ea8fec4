using Diecast.Api.Checkout;
using Diecast.Api.Orders;

namespace Diecast.Api.Tests.Checkout;

/// <summary>The customer's timeline says what happened in the customer's words, never the staff's note behind it.</summary>
public sealed class CustomerTimelineTests
{
    [Fact]
    public void Every_kind_a_customer_sees_has_its_own_sentence_that_repeats_nothing_staff_wrote()
    {
        foreach (var kind in CustomerOrderGraphType.CustomerVisibleEvents)
        {
            var entry = new OrderEvent
            {
                Kind = kind,
                Actor = OrderEventActor.Admin,
                ActorName = "priya.admin",
                Message = "Cancelled by priya.admin: customer rude on phone; payment pay_SECRET123 refund rfnd_ABC.",
                Data = """{"from":"UNFULFILLED","to":"SHIPPED","razorpayPaymentId":"pay_SECRET123"}""",
            };

            var sentence = CustomerOrderEventGraphType.CustomerSentence(entry);

            Assert.DoesNotContain("priya", sentence, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("rude", sentence, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("pay_", sentence, StringComparison.Ordinal);
            Assert.DoesNotContain("rfnd_", sentence, StringComparison.Ordinal);
            Assert.NotEqual("The order was updated.", sentence);
        }
    }

    [Theory]
    [InlineData("""{"from":"UNFULFILLED","to":"FULFILLING"}""", "Your order is being packed.")]
    [InlineData("""{"from":"FULFILLING","to":"SHIPPED"}""", "Your order has shipped.")]
    [InlineData("""{"from":"SHIPPED","to":"DELIVERED"}""", "Your order was delivered.")]
    [InlineData("not json", "Your order's delivery status changed.")]
    [InlineData("[]", "Your order's delivery status changed.")]
    [InlineData(null, "Your order's delivery status changed.")]
    public void A_fulfilment_move_names_where_the_parcel_is(string? data, string expected) =>
        Assert.Equal(expected, CustomerOrderEventGraphType.CustomerSentence(new OrderEvent { Kind = OrderEventKind.FulfilmentChanged, Message = "by an admin", Data = data }));
}
