using System.Text;
using Diecast.Api.Payments.Razorpay;

namespace Diecast.Api.Tests.Payments;

/// <summary>The test vectors of razorpay.md §3 and §4, and the UTF-8 bodies the official .NET SDK gets wrong (razorpay-dot-net #156).</summary>
public class RazorpaySignaturesTests
{
    /// <summary>
    /// razorpay-node documents/paymentVerfication.md (commit 9737ef17), "Verify webhook verification": the sample
    /// payment.captured event as JSON.stringify writes it (no spaces, key order as written), signed with secret 123456.
    /// </summary>
    public const string NodeSampleWebhook = @"{""entity"":""event"",""account_id"":""acc_Hn1ukn2d32Fqww"",""event"":""payment.captured"",""contains"":[""payment""],""payload"":{""payment"":{""entity"":{""id"":""pay_JRP3Y66cNcf2qF"",""entity"":""payment"",""amount"":2244,""currency"":""INR"",""status"":""captured"",""order_id"":""order_JROxH1kSf9IR6d"",""invoice_id"":null,""international"":false,""method"":""card"",""amount_refunded"":0,""refund_status"":null,""captured"":true,""description"":""#J9iMHZMUTJlod8"",""card_id"":""card_JRP3YBkFQYCmnR"",""card"":{""id"":""card_JRP3YBkFQYCmnR"",""entity"":""card"",""name"":""ankit das"",""last4"":""4366"",""network"":""Visa"",""type"":""credit"",""issuer"":""UTIB"",""international"":false,""emi"":true,""sub_type"":""consumer"",""token_iin"":null},""bank"":null,""wallet"":null,""vpa"":null,""email"":""you@example.com"",""contact"":""+917000569565"",""notes"":{""policy_name"":""Jeevan Bima""},""fee"":45,""tax"":0,""error_code"":null,""error_description"":null,""error_source"":null,""error_step"":null,""error_reason"":null,""acquirer_data"":{""auth_code"":""548669""},""created_at"":1651722469}}},""created_at"":1651722476}";

    public const string NodeSampleSignature = "55d3c166391ec51285b388f1bb9f0ba9b13dde1bece4484aaac6edd34a01459a";

    [Theory]
    [InlineData("EnLs21M47BllR3X8PSFtjtbd", "order_IEIaMR65cu6nz3", "pay_IH4NVgf4Dreq1l", "0d4e745a1838664ad6c9c9902212a32d627d68e917290b0ad5f08ff4561bc50f")]
    [InlineData("test_secret", "order_ABC123", "pay_XYZ789", "85cbc6036124891c4d0280fbb7cd83804f87a66f2eb485a89af574086f592cbc")]
    public void Checkout_signature_test_vectors_verify(string secret, string orderId, string paymentId, string signature)
    {
        Assert.True(RazorpaySignatures.IsValidCheckoutSignature(orderId, paymentId, signature, secret));
        Assert.Equal(signature, RazorpaySignatures.Sign(Encoding.UTF8.GetBytes($"{orderId}|{paymentId}"), secret));
        // Upper-case hex is the same signature.
        Assert.True(RazorpaySignatures.IsValidCheckoutSignature(orderId, paymentId, signature.ToUpperInvariant(), secret));
    }

    [Fact]
    public void Checkout_signature_is_refused_for_another_order_payment_secret_or_malformed_hex()
    {
        const string Signature = "85cbc6036124891c4d0280fbb7cd83804f87a66f2eb485a89af574086f592cbc";
        Assert.False(RazorpaySignatures.IsValidCheckoutSignature("order_ABC124", "pay_XYZ789", Signature, "test_secret"));
        Assert.False(RazorpaySignatures.IsValidCheckoutSignature("order_ABC123", "pay_XYZ788", Signature, "test_secret"));
        Assert.False(RazorpaySignatures.IsValidCheckoutSignature("order_ABC123", "pay_XYZ789", Signature, "test_secreT"));
        // The fields swapped (the subscription order of fields) is another message.
        Assert.False(RazorpaySignatures.IsValidCheckoutSignature("pay_XYZ789", "order_ABC123", Signature, "test_secret"));
        Assert.False(RazorpaySignatures.IsValidCheckoutSignature("order_ABC123", "pay_XYZ789", Signature[..^2], "test_secret"));
        Assert.False(RazorpaySignatures.IsValidCheckoutSignature("order_ABC123", "pay_XYZ789", Signature[..^1] + "g", "test_secret"));
        Assert.False(RazorpaySignatures.IsValidCheckoutSignature("order_ABC123", "pay_XYZ789", "", "test_secret"));
        Assert.False(RazorpaySignatures.IsValidCheckoutSignature("order_ABC123", "pay_XYZ789", Signature, ""));
        Assert.False(RazorpaySignatures.IsValidCheckoutSignature("", "pay_XYZ789", Signature, "test_secret"));
    }

    [Fact]
    public void Webhook_sample_from_razorpay_node_verifies_over_its_bytes()
    {
        var body = Encoding.UTF8.GetBytes(NodeSampleWebhook);
        Assert.Equal(NodeSampleSignature, RazorpaySignatures.Sign(body, "123456"));
        Assert.True(RazorpaySignatures.IsValidWebhookSignature(body, NodeSampleSignature, ["123456"]));
    }

    [Fact]
    public void Webhook_body_changed_by_one_byte_or_reformatted_does_not_verify()
    {
        var tampered = Encoding.UTF8.GetBytes(NodeSampleWebhook.Replace("\"amount\":2244", "\"amount\":2245", StringComparison.Ordinal));
        Assert.False(RazorpaySignatures.IsValidWebhookSignature(tampered, NodeSampleSignature, ["123456"]));
        // Re-serialised JSON (here: a trailing newline) is not the body Razorpay signed (razorpay-node #96).
        Assert.False(RazorpaySignatures.IsValidWebhookSignature(Encoding.UTF8.GetBytes(NodeSampleWebhook + "\n"), NodeSampleSignature, ["123456"]));
    }

    [Fact]
    public void Webhook_signed_with_the_key_secret_or_nothing_does_not_verify()
    {
        var body = Encoding.UTF8.GetBytes(NodeSampleWebhook);
        Assert.False(RazorpaySignatures.IsValidWebhookSignature(body, NodeSampleSignature, ["key_secret_not_webhook_secret"]));
        Assert.False(RazorpaySignatures.IsValidWebhookSignature(body, null, ["123456"]));
        Assert.False(RazorpaySignatures.IsValidWebhookSignature(body, "", ["123456"]));
        Assert.False(RazorpaySignatures.IsValidWebhookSignature(body, NodeSampleSignature, []));
        Assert.False(RazorpaySignatures.IsValidWebhookSignature(body, NodeSampleSignature, ["", ""]));
    }

    [Fact]
    public void Webhook_signed_with_the_previous_secret_verifies_while_both_are_configured()
    {
        var body = Encoding.UTF8.GetBytes(NodeSampleWebhook);
        Assert.True(RazorpaySignatures.IsValidWebhookSignature(body, NodeSampleSignature, ["new_secret_after_rotation", "123456"]));
        Assert.True(RazorpaySignatures.IsValidWebhookSignature(body, NodeSampleSignature, ["123456", "new_secret_after_rotation"]));
        Assert.False(RazorpaySignatures.IsValidWebhookSignature(body, NodeSampleSignature, ["new_secret_after_rotation"]));
    }

    [Fact]
    public void Webhook_with_rupee_sign_and_hindi_verifies_over_utf8_bytes_where_ascii_would_not()
    {
        const string Secret = "whsec_diecast";
        var body = Encoding.UTF8.GetBytes("{\"event\":\"payment.captured\",\"payload\":{\"payment\":{\"entity\":{\"description\":\"₹2,499 हॉट व्हील्स 1:64\",\"notes\":{\"customer\":\"अनन्या शर्मा\"}}}}}");
        var signature = RazorpaySignatures.Sign(body, Secret);

        Assert.True(RazorpaySignatures.IsValidWebhookSignature(body, signature, [Secret]));
        // What the official .NET SDK hashes (ASCII: every non-ASCII character becomes '?') is another message.
        var ascii = Encoding.ASCII.GetBytes(Encoding.UTF8.GetString(body));
        Assert.NotEqual(signature, RazorpaySignatures.Sign(ascii, Secret));
        Assert.False(RazorpaySignatures.IsValidWebhookSignature(ascii, signature, [Secret]));
    }

    [Fact]
    public void Checkout_signature_over_non_ascii_ids_is_utf8()
    {
        var signature = RazorpaySignatures.Sign(Encoding.UTF8.GetBytes("order_₹|pay_अ"), "secret");
        Assert.True(RazorpaySignatures.IsValidCheckoutSignature("order_₹", "pay_अ", signature, "secret"));
    }
}
