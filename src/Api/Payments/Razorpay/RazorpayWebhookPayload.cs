using System.Text.Json;

namespace Diecast.Api.Payments.Razorpay;

/// <summary>
/// Parses a webhook body (razorpay.md §4 "Payload structure") into rupee records. Call it only on a body whose
/// signature was verified: it checks shape, not origin.
/// </summary>
public static class RazorpayWebhookPayload
{
    /// <summary>
    /// Parses <paramref name="body"/> (UTF-8 JSON). Lenient where Razorpay varies: <c>notes</c> as <c>[]</c> or
    /// <c>{}</c>, <c>error_code</c> null or "", unknown fields and events ignored. Strict where the shop decides:
    /// an event names itself and its time; a payment.* event carries a payment, order.paid a payment and an order,
    /// a refund.* event a refund, each with id, amount (paise, turned into rupees), currency and status. Returns
    /// false with <paramref name="error"/> for anything else (malformed JSON or UTF-8 included); never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out RazorpayWebhookEvent? webhook, out string? error)
    {
        webhook = null;
        WireEvent? wire;
        try
        {
            wire = JsonSerializer.Deserialize<WireEvent>(body, RazorpayWire.Json);
        }
        catch (JsonException e)
        {
            // The parser's message names a path and position, never a value from the body beyond that.
            error = $"malformed JSON: {e.Message}";
            return false;
        }

        if (wire is null || string.IsNullOrWhiteSpace(wire.Event))
        {
            error = "The body has no event name.";
            return false;
        }

        var payment = wire.Payload?.Payment?.Entity;
        var order = wire.Payload?.Order?.Entity;
        var refund = wire.Payload?.Refund?.Entity;
        error = Missing(wire.Event, payment, order, refund);
        if (error is not null)
        {
            return false;
        }

        try
        {
            webhook = new RazorpayWebhookEvent(
                wire.Event,
                wire.AccountId,
                wire.Contains ?? [],
                payment?.ToPayment(),
                order?.ToOrder(),
                refund?.ToRefund(),
                RazorpayWire.Time(wire.CreatedAt));
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A negative amount, or a time beyond what a DateTimeOffset holds.
            error = "The event holds an amount or a time out of range.";
            return false;
        }
    }

    private static string? Missing(string name, WirePayment? payment, WireOrder? order, WireRefund? refund)
    {
        if (name is RazorpayEvents.PaymentAuthorized or RazorpayEvents.PaymentCaptured or RazorpayEvents.PaymentFailed && payment is null)
        {
            // Only the payment events the shop handles; payment.dispute.* and payment.downtime.* carry other entities.
            return $"A {name} event must carry payload.payment.entity.";
        }

        if (name == RazorpayEvents.OrderPaid && (payment is null || order is null))
        {
            return "An order.paid event must carry payload.payment.entity and payload.order.entity.";
        }

        if (name.StartsWith("refund.", StringComparison.Ordinal) && refund is null)
        {
            return $"A {name} event must carry payload.refund.entity.";
        }

        return null;
    }
}
