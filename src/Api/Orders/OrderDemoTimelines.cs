using System.Globalization;
using Diecast.GraphQL.Server;

namespace Diecast.Api.Orders;

/// <summary>
/// The demo orders' timelines and money facts, told from their payment and fulfilment statuses as the shop would have
/// lived them: placed by the customer, paid through Razorpay, packed and shipped by staff, a refund or a cancel.
/// </summary>
internal static class OrderDemoTimelines
{
    private const string Staff = "asha";

    /// <summary>Fills <paramref name="order"/>'s money facts and timeline from its statuses; times follow <paramref name="placedAt"/> (UTC).</summary>
    public static void Tell(Order order, DateTime placedAt)
    {
        var at = placedAt;
        var rupees = order.Total.ToString("0.00", CultureInfo.InvariantCulture);
        order.Record(OrderEventKind.Placed, OrderEventActor.Customer, $"Placed by {order.CustomerName} for ₹{rupees}.", at);
        if (order.RazorpayOrderId is { } razorpayOrder)
        {
            order.Record(OrderEventKind.PaymentStarted, OrderEventActor.Customer, "Opened Razorpay Checkout.", at = at.AddSeconds(20), data: Json($"\"razorpayOrderId\":\"{razorpayOrder}\""));
        }

        var paid = order.PaymentStatus is PaymentStatus.Paid or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded;
        if (paid)
        {
            at = at.AddMinutes(2);
            order.AmountPaid = order.Total;
            order.PaidAt = at;
            order.Record(OrderEventKind.PaymentCaptured, OrderEventActor.RazorpayWebhook, $"Razorpay captured ₹{rupees}; payment PAID.", at,
                data: Json($"\"razorpayPaymentId\":\"{order.RazorpayPaymentId}\",\"amount\":{rupees}"));
        }

        var steps = new[] { FulfilmentStatus.Fulfilling, FulfilmentStatus.Shipped, FulfilmentStatus.Delivered };
        var from = FulfilmentStatus.Unfulfilled;
        foreach (var step in steps.Where(s => s <= order.FulfilmentStatus))
        {
            at = at.AddHours(step == FulfilmentStatus.Delivered ? 70 : 20);
            order.Record(OrderEventKind.FulfilmentChanged, OrderEventActor.Admin, $"Fulfilment moved from {Api(from)} to {Api(step)} by {Staff}.", at, Staff,
                Json($"\"from\":\"{Api(from)}\",\"to\":\"{Api(step)}\""));
            from = step;
        }

        if (order.PaymentStatus == PaymentStatus.Refunded)
        {
            at = at.AddDays(3);
            order.AmountRefunded = order.Total;
            order.Record(OrderEventKind.RefundRequested, OrderEventActor.Admin, $"Refund of ₹{rupees} requested by {Staff}: the model arrived with a cracked display case.", at, Staff,
                Json($"\"amount\":{rupees}"));
            order.Record(OrderEventKind.RefundProcessed, OrderEventActor.RazorpayWebhook, $"Razorpay processed the refund of ₹{rupees}; payment REFUNDED.", at.AddDays(5),
                data: Json($"\"amount\":{rupees}"));
        }

        if (order.PaymentStatus == PaymentStatus.Voided)
        {
            order.CancelledAt = at = at.AddHours(3);
            order.Record(OrderEventKind.Cancelled, OrderEventActor.Admin, $"Cancelled by {Staff} (payment AWAITING_PAYMENT → VOIDED): the customer ordered the wrong scale and will order again.", at, Staff,
                Json("\"reason\":\"The customer ordered the wrong scale and will order again.\",\"paymentStatusBefore\":\"AWAITING_PAYMENT\""));
        }

        order.UpdatedAt = at;
    }

    private static string Api<TEnum>(TEnum value)
        where TEnum : struct, Enum => SchemaNames.EnumValue(value);

    private static string Json(string members) => "{" + members + "}";
}
