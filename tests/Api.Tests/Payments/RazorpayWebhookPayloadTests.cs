using System.Text;
using Diecast.Api.Payments.Razorpay;

namespace Diecast.Api.Tests.Payments;

/// <summary>The shapes of razorpay.md §4's samples, and what a webhook parser must survive without throwing.</summary>
public class RazorpayWebhookPayloadTests
{
    // webhooks/orders.md § Order Paid: both entities, notes [] on the order and the payment, error_code null.
    private const string OrderPaid = """
        {"entity":"event","account_id":"acc_BFQ7uQEaa7j2z7","event":"order.paid","contains":["payment","order"],
         "payload":{
           "payment":{"entity":{"id":"pay_DESlfW9H8K9uqM","entity":"payment","amount":100,"currency":"INR","status":"captured",
             "order_id":"order_DESlLckIVRkHWj","invoice_id":null,"international":false,"method":"netbanking","amount_refunded":0,
             "refund_status":null,"captured":true,"description":null,"card_id":null,"bank":"HDFC","wallet":null,"vpa":null,
             "email":"gaurav.kumar@example.com","contact":"+919876543210","notes":[],"fee":2,"tax":0,"error_code":null,
             "error_description":null,"created_at":1567674599}},
           "order":{"entity":{"id":"order_DESlLckIVRkHWj","entity":"order","amount":100,"amount_paid":100,"amount_due":0,"currency":"INR",
             "receipt":"rcptid #1","offer_id":null,"status":"paid","attempts":1,"notes":[],"created_at":1567674581}}},
         "created_at":1567674606}
        """;

    // webhooks/payments.md § Payment Failed: error fields set.
    private const string PaymentFailed = """
        {"entity":"event","account_id":"acc_BFQ7uQEaa7j2z7","event":"payment.failed","contains":["payment"],
         "payload":{"payment":{"entity":{"id":"pay_DESfjJ2nOqIGiE","entity":"payment","amount":5000,"currency":"INR","status":"failed",
           "order_id":"order_DESfD2q3Y6EPlX","method":"card","amount_refunded":0,"captured":false,"notes":{"order_number":"DC-1042"},
           "fee":null,"tax":null,"error_code":"BAD_REQUEST_ERROR","error_description":"Payment failed","error_source":"customer",
           "error_step":"payment_authentication","error_reason":"payment_failed","created_at":1567674369}}},
         "created_at":1567674370}
        """;

    // webhooks/refunds.md: refund and payment.
    private const string RefundProcessed = """
        {"entity":"event","account_id":"acc_CJoeHMNpi0nC7k","event":"refund.processed","contains":["refund","payment"],
         "payload":{
           "refund":{"entity":{"id":"rfnd_EeGRKa8tMCn4Sz","entity":"refund","amount":50000,"currency":"INR","payment_id":"pay_EeGQAsxfbmpCGd",
             "notes":{"reason":"Damaged in transit"},"receipt":null,"acquirer_data":{"arn":"10000000000000"},"created_at":1585737484,
             "batch_id":null,"status":"processed","speed_processed":"normal","speed_requested":"normal"}},
           "payment":{"entity":{"id":"pay_EeGQAsxfbmpCGd","entity":"payment","amount":100000,"currency":"INR","status":"captured",
             "order_id":"order_EeGQ4uiY8hrhDw","method":"upi","amount_refunded":50000,"refund_status":"partial","captured":true,
             "notes":[],"error_code":null,"created_at":1585737398}}},
         "created_at":1585737484}
        """;

    [Fact]
    public void Node_sample_payment_captured_parses_into_rupees()
    {
        Assert.True(RazorpayWebhookPayload.TryParse(Encoding.UTF8.GetBytes(RazorpaySignaturesTests.NodeSampleWebhook), out var webhook, out var error), error);
        Assert.Equal("payment.captured", webhook!.Event);
        Assert.Equal("acc_Hn1ukn2d32Fqww", webhook.AccountId);
        Assert.Equal(["payment"], webhook.Contains);
        var payment = webhook.Payment!;
        Assert.Equal("pay_JRP3Y66cNcf2qF", payment.Id);
        Assert.Equal("order_JROxH1kSf9IR6d", payment.OrderId);
        Assert.Equal(22.44m, payment.Amount);
        Assert.Equal("INR", payment.Currency);
        Assert.Equal("captured", payment.Status);
        Assert.Equal("card", payment.Method);
        Assert.Equal(0m, payment.AmountRefunded);
        Assert.Null(payment.ErrorCode);
        Assert.Equal("Jeevan Bima", payment.Notes["policy_name"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1651722469), payment.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1651722476), webhook.CreatedAt);
        Assert.Null(webhook.Order);
        Assert.Null(webhook.Refund);
    }

    [Fact]
    public void Order_paid_with_empty_notes_as_arrays_parses_both_entities()
    {
        Assert.True(RazorpayWebhookPayload.TryParse(Encoding.UTF8.GetBytes(OrderPaid), out var webhook, out var error), error);
        Assert.Equal(1.00m, webhook!.Payment!.Amount);
        Assert.Empty(webhook.Payment.Notes);
        var order = webhook.Order!;
        Assert.Equal("order_DESlLckIVRkHWj", order.Id);
        Assert.Equal(1.00m, order.Amount);
        Assert.Equal(1.00m, order.AmountPaid);
        Assert.Equal("paid", order.Status);
        Assert.Equal("rcptid #1", order.Receipt);
        Assert.Empty(order.Notes);
    }

    [Fact]
    public void Payment_failed_carries_its_error()
    {
        Assert.True(RazorpayWebhookPayload.TryParse(Encoding.UTF8.GetBytes(PaymentFailed), out var webhook, out var error), error);
        Assert.Equal("failed", webhook!.Payment!.Status);
        Assert.Equal("BAD_REQUEST_ERROR", webhook.Payment.ErrorCode);
        Assert.Equal("Payment failed", webhook.Payment.ErrorDescription);
        Assert.Equal("DC-1042", webhook.Payment.Notes["order_number"]);
    }

    [Fact]
    public void Refund_processed_carries_the_refund_and_its_payment()
    {
        Assert.True(RazorpayWebhookPayload.TryParse(Encoding.UTF8.GetBytes(RefundProcessed), out var webhook, out var error), error);
        Assert.Equal(new RazorpayRefund("rfnd_EeGRKa8tMCn4Sz", "pay_EeGQAsxfbmpCGd", 500.00m, "INR", "processed", webhook!.Refund!.Notes), webhook.Refund);
        Assert.Equal("Damaged in transit", webhook.Refund.Notes["reason"]);
        Assert.Equal(500.00m, webhook.Payment!.AmountRefunded);
    }

    [Fact]
    public void Empty_string_error_code_of_the_card_sample_is_no_error()
    {
        var body = RazorpaySignaturesTests.NodeSampleWebhook.Replace("\"error_code\":null", "\"error_code\":\"\"", StringComparison.Ordinal)
            .Replace("\"error_description\":null", "\"error_description\":\"\"", StringComparison.Ordinal);
        Assert.True(RazorpayWebhookPayload.TryParse(Encoding.UTF8.GetBytes(body), out var webhook, out _));
        Assert.Null(webhook!.Payment!.ErrorCode);
        Assert.Null(webhook.Payment.ErrorDescription);
    }

    [Fact]
    public void Unknown_fields_and_unknown_events_are_accepted()
    {
        Assert.True(RazorpayWebhookPayload.TryParse(
            """{"entity":"event","event":"settlement.processed","contains":["settlement"],"payload":{"settlement":{"entity":{"id":"setl_1"}}},"created_at":1700000000,"brand_new":{"x":[1,2]}}"""u8,
            out var webhook,
            out var error), error);
        Assert.Equal("settlement.processed", webhook!.Event);
        Assert.Null(webhook.Payment);
    }

    [Fact]
    public void Notes_with_numbers_and_null_values_are_read_as_text()
    {
        var body = RazorpaySignaturesTests.NodeSampleWebhook.Replace("{\"policy_name\":\"Jeevan Bima\"}", "{\"order_id\":42,\"gift\":true,\"empty\":null,\"नाम\":\"अनन्या\"}", StringComparison.Ordinal);
        Assert.True(RazorpayWebhookPayload.TryParse(Encoding.UTF8.GetBytes(body), out var webhook, out var error), error);
        Assert.Equal("42", webhook!.Payment!.Notes["order_id"]);
        Assert.Equal("true", webhook.Payment.Notes["gift"]);
        Assert.Equal("", webhook.Payment.Notes["empty"]);
        Assert.Equal("अनन्या", webhook.Payment.Notes["नाम"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"event\":\"\",\"created_at\":1}")]
    [InlineData("{\"event\":\"payment.captured\"}")]
    [InlineData("{\"event\":\"payment.captured\",\"created_at\":1}")]
    [InlineData("{\"event\":\"payment.captured\",\"created_at\":1,\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"currency\":\"INR\",\"status\":\"captured\",\"created_at\":1}}}}")]
    [InlineData("{\"event\":\"payment.captured\",\"created_at\":1,\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"amount\":\"2244\",\"currency\":\"INR\",\"status\":\"captured\",\"created_at\":1}}}}")]
    [InlineData("{\"event\":\"payment.captured\",\"created_at\":1,\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"amount\":22.44,\"currency\":\"INR\",\"status\":\"captured\",\"created_at\":1}}}}")]
    [InlineData("{\"event\":\"payment.captured\",\"created_at\":1,\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"amount\":-1,\"currency\":\"INR\",\"status\":\"captured\",\"created_at\":1}}}}")]
    [InlineData("{\"event\":\"payment.captured\",\"created_at\":1,\"payload\":{\"payment\":{\"entity\":{\"id\":null,\"amount\":1,\"currency\":\"INR\",\"status\":\"captured\",\"created_at\":1}}}}")]
    [InlineData("{\"event\":\"payment.captured\",\"created_at\":1,\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"amount\":1,\"currency\":\"INR\",\"status\":\"captured\",\"notes\":\"x\",\"created_at\":1}}}}")]
    [InlineData("{\"event\":\"order.paid\",\"created_at\":1,\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"amount\":1,\"currency\":\"INR\",\"status\":\"captured\",\"created_at\":1}}}}")]
    [InlineData("{\"event\":\"refund.processed\",\"created_at\":1,\"payload\":{}}")]
    [InlineData("{\"event\":\"payment.captured\",\"created_at\":99999999999999,\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"amount\":1,\"currency\":\"INR\",\"status\":\"captured\",\"created_at\":1}}}}")]
    [InlineData("{\"event\":\"payment.captured\",\"created_at\":1,\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"amount\":99999999999999999999,\"currency\":\"INR\",\"status\":\"captured\",\"created_at\":1}}}}")]
    [InlineData("{\"event\":\"payment.captured\",\"created_at\":1")]
    public void Malformed_or_incomplete_bodies_are_refused_with_an_error_not_an_exception(string body)
    {
        Assert.False(RazorpayWebhookPayload.TryParse(Encoding.UTF8.GetBytes(body), out var webhook, out var error));
        Assert.Null(webhook);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        byte[] body = [.. "{\"event\":\""u8, 0xC3, 0x28, .. "\",\"created_at\":1}"u8];
        Assert.False(RazorpayWebhookPayload.TryParse(body, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Deeply_nested_bodies_are_refused()
    {
        var body = "{\"event\":\"x\",\"created_at\":1,\"deep\":" + new string('[', 5000) + new string(']', 5000) + "}";
        Assert.False(RazorpayWebhookPayload.TryParse(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.NotNull(error);
    }
}
