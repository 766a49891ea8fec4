using System.Net;
using System.Text;
using System.Text.Json;
using Diecast.Api.Payments.Simulator;
using Diecast.Storefront.Tests.Infrastructure;

namespace Diecast.Storefront.Tests.Pages.Orders;

/// <summary>
/// POST /checkout/callback?token=… (Razorpay's redirect-mode callback, cross-site: no cookie, no antiforgery token) and
/// what the order page says after it: confirming until the capture is recorded (never waiting on the webhook to show
/// something), paid, failed with a way to pay again; forged, tampered and replayed callbacks change nothing.
/// </summary>
[Collection(OrderShopCollection.Name)]
public sealed class PaymentCallbackTests(OrderShop shop)
{
    private static (string, string)[] Success(SimulatedCheckout paid) =>
    [
        ("razorpay_payment_id", paid.RazorpayPaymentId),
        ("razorpay_order_id", paid.RazorpayOrderId),
        ("razorpay_signature", paid.RazorpaySignature!),
    ];

    private static string Location(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task A_captured_payment_is_confirmed_by_the_callback_itself_before_any_webhook()
    {
        var order = await shop.PlaceOrderAsync((await shop.ProductsInStockAsync())[0].Id);
        var paid = shop.Pay(order);

        using var callback = await shop.PostCallbackAsync("?token=" + order.Token, Success(paid));

        Assert.Equal("/orders/" + order.Token + "?payment=received", Location(callback));
        var page = await shop.GetPageAsync(Location(callback));
        Assert.Equal("Settled", page.Document.QuerySelector("#payment-panel")!.GetAttribute("data-panel"));
        Assert.Equal("PAID", page.Document.QuerySelector("#payment-status")!.GetAttribute("data-status"));
        Assert.False(page.Response.Headers.Contains("Refresh"));
    }

    [Fact]
    public async Task While_the_payment_is_only_authorised_the_page_says_confirming_and_refreshes_until_the_capture_arrives()
    {
        var order = await shop.PlaceOrderAsync((await shop.ProductsInStockAsync())[0].Id);
        var paid = shop.Pay(order, SimulatedPaymentOutcome.Authorized);

        using var callback = await shop.PostCallbackAsync("?token=" + order.Token, Success(paid));
        var confirming = await shop.GetPageAsync(Location(callback));

        Assert.Equal("AUTHORIZED", confirming.Document.QuerySelector("#payment-status")!.GetAttribute("data-status"));
        Assert.Equal("Confirming", confirming.Document.QuerySelector("#payment-panel")!.GetAttribute("data-panel"));
        Assert.Equal("Payment received — confirming", confirming.Document.QuerySelector("#payment-heading")!.TextContent);
        Assert.Equal($"3; url=/orders/{order.Token}?payment=received&check=1", Assert.Single(confirming.Response.Headers.GetValues("Refresh")));
        Assert.Null(confirming.Document.QuerySelector("#pay-button"));

        // Razorpay captures it and says so by webhook: the next refresh shows the confirmed order and stops refreshing.
        var capture = shop.Razorpay.State.CapturePayment(paid.RazorpayPaymentId, JsonDocument.Parse($$"""{"amount": {{(long)(order.Total * 100)}}, "currency": "INR"}""").RootElement);
        Assert.True(capture.IsSuccess);
        await shop.DeliverWebhooksAsync();
        var confirmed = await shop.GetPageAsync($"/orders/{order.Token}?payment=received&check=1");

        Assert.Equal("Settled", confirmed.Document.QuerySelector("#payment-panel")!.GetAttribute("data-panel"));
        Assert.Equal("PAID", confirmed.Document.QuerySelector("#payment-status")!.GetAttribute("data-status"));
        Assert.False(confirmed.Response.Headers.Contains("Refresh"));
    }

    [Fact]
    public async Task When_razorpay_cannot_be_asked_the_page_confirms_from_the_webhook_and_stops_refreshing_after_its_bound()
    {
        var order = await shop.PlaceOrderAsync((await shop.ProductsInStockAsync())[0].Id);
        var paid = shop.Pay(order);
        // confirmPayment checks the signature, then cannot fetch the payment: the order stays as it was.
        shop.Razorpay.State.FailNext(SimulatorRoutes.GetPayment, SimulatedFailureKind.ServerError, times: 10);

        using var callback = await shop.PostCallbackAsync("?token=" + order.Token, Success(paid));
        var confirming = await shop.GetPageAsync(Location(callback));

        Assert.Equal("AWAITING_PAYMENT", confirming.Document.QuerySelector("#payment-status")!.GetAttribute("data-status"));
        Assert.Equal("Confirming", confirming.Document.QuerySelector("#payment-panel")!.GetAttribute("data-panel"));
        Assert.True(confirming.Response.Headers.Contains("Refresh"));

        var last = await shop.GetPageAsync($"/orders/{order.Token}?payment=received&check=20");
        Assert.False(last.Response.Headers.Contains("Refresh"));
        Assert.Contains("we will email you at asha@example.com", last.Document.QuerySelector("#payment-confirming")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("do not pay again", last.Document.QuerySelector("#payment-confirming")!.TextContent, StringComparison.Ordinal);

        await shop.DeliverWebhooksAsync();
        var confirmed = await shop.GetPageAsync($"/orders/{order.Token}?payment=received&check=20");
        Assert.Equal("PAID", confirmed.Document.QuerySelector("#payment-status")!.GetAttribute("data-status"));
        Assert.Equal("Settled", confirmed.Document.QuerySelector("#payment-panel")!.GetAttribute("data-panel"));
    }

    [Fact]
    public async Task A_failed_payment_shows_payment_failed_and_pay_again_which_then_succeeds()
    {
        var order = await shop.PlaceOrderAsync((await shop.ProductsInStockAsync())[0].Id);
        var failed = shop.Pay(order, SimulatedPaymentOutcome.Failed);

        using var callback = await shop.PostCallbackAsync(
            "?token=" + order.Token,
            ("error[code]", "BAD_REQUEST_ERROR"),
            ("error[description]", "Payment failed"),
            ("error[source]", "bank"),
            ("error[step]", "payment_authorization"),
            ("error[reason]", "payment_failed"),
            ("error[metadata]", $$"""{"payment_id":"{{failed.RazorpayPaymentId}}","order_id":"{{order.RazorpayOrderId}}"}"""));

        Assert.Equal("/orders/" + order.Token + "?payment=failed", Location(callback));
        // Before the payment.failed webhook: the shopper's return says it; after it, the order does.
        foreach (var delivered in new[] { false, true })
        {
            if (delivered)
            {
                await shop.DeliverWebhooksAsync();
            }

            var page = await shop.GetPageAsync(Location(callback));
            Assert.Equal("Failed", page.Document.QuerySelector("#payment-panel")!.GetAttribute("data-panel"));
            Assert.Equal("Payment failed", page.Document.QuerySelector("#payment-heading")!.TextContent);
            Assert.Equal("Pay " + Components.Money.Format(order.Total), page.Document.QuerySelector("#pay-button")!.TextContent);
        }

        Assert.Equal("FAILED", (await shop.OrderAsync(order.Token)).GetProperty("paymentStatus").GetString());
        var retry = shop.Pay(order);
        using var retried = await shop.PostCallbackAsync("?token=" + order.Token, Success(retry));
        var confirmed = await shop.GetPageAsync(Location(retried));
        Assert.Equal("PAID", confirmed.Document.QuerySelector("#payment-status")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task A_shopper_back_from_a_signed_payment_after_an_earlier_failure_sees_confirming_never_pay_again()
    {
        var order = await shop.PlaceOrderAsync((await shop.ProductsInStockAsync())[0].Id);
        shop.Pay(order, SimulatedPaymentOutcome.Failed);
        await shop.DeliverWebhooksAsync();
        Assert.Equal("FAILED", (await shop.OrderAsync(order.Token)).GetProperty("paymentStatus").GetString());

        // The retry's callback was signed, but its capture is not recorded yet (confirmPayment could not ask Razorpay,
        // or did not answer): the order still says FAILED while the money is in flight.
        var page = await shop.GetPageAsync($"/orders/{order.Token}?payment=received");

        Assert.Equal("Confirming", page.Document.QuerySelector("#payment-panel")!.GetAttribute("data-panel"));
        Assert.Null(page.Document.QuerySelector("#pay-button"));
        Assert.True(page.Response.Headers.Contains("Refresh"));
    }

    public static TheoryData<string> Forgeries => new()
    {
        "wrong-signature",       // a signature made up by the sender
        "signature-of-another",  // a real, valid payment of another order presented for this one
        "other-key",             // signed with a secret that is not ours
        "tampered-payment-id",   // a real callback with its payment id changed
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_callback_changes_nothing_and_says_it_could_not_confirm(string kind)
    {
        var product = (await shop.ProductsInStockAsync())[0];
        var order = await shop.PlaceOrderAsync(product.Id);
        var other = await shop.PlaceOrderAsync(product.Id);
        var otherPaid = shop.Pay(other);
        var fields = kind switch
        {
            "wrong-signature" => new[] { ("razorpay_payment_id", "pay_Forged00000001"), ("razorpay_order_id", order.RazorpayOrderId), ("razorpay_signature", new string('a', 64)) },
            "signature-of-another" => Success(otherPaid),
            "other-key" => new[]
            {
                ("razorpay_payment_id", "pay_Forged00000002"), ("razorpay_order_id", order.RazorpayOrderId),
                ("razorpay_signature", Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("not-our-secret"), Encoding.UTF8.GetBytes(order.RazorpayOrderId + "|pay_Forged00000002")))),
            },
            _ => new[] { ("razorpay_payment_id", otherPaid.RazorpayPaymentId + "x"), ("razorpay_order_id", order.RazorpayOrderId), ("razorpay_signature", otherPaid.RazorpaySignature!) },
        };

        using var callback = await shop.PostCallbackAsync("?token=" + order.Token, fields);

        Assert.Equal("/orders/" + order.Token + "?payment=unconfirmed", Location(callback));
        var state = await shop.OrderAsync(order.Token);
        Assert.Equal("AWAITING_PAYMENT", state.GetProperty("paymentStatus").GetString());
        Assert.Equal(0m, state.GetProperty("amountPaid").GetDecimal());
        var page = await shop.GetPageAsync(Location(callback));
        Assert.Equal("Pay", page.Document.QuerySelector("#payment-panel")!.GetAttribute("data-panel"));
        Assert.NotNull(page.Document.QuerySelector("#payment-unconfirmed"));
        Assert.NotNull(page.Document.QuerySelector("#pay-button"));
    }

    [Fact]
    public async Task A_replayed_callback_changes_nothing_the_order_is_paid_once()
    {
        var order = await shop.PlaceOrderAsync((await shop.ProductsInStockAsync())[0].Id);
        var paid = shop.Pay(order);
        using var first = await shop.PostCallbackAsync("?token=" + order.Token, Success(paid));
        await shop.DeliverWebhooksAsync();

        for (var i = 0; i < 3; i++)
        {
            using var again = await shop.PostCallbackAsync("?token=" + order.Token, Success(paid));
            Assert.Equal("/orders/" + order.Token + "?payment=received", Location(again));
        }

        var state = await shop.OrderAsync(order.Token);
        Assert.Equal("PAID", state.GetProperty("paymentStatus").GetString());
        Assert.Equal(order.Total, state.GetProperty("amountPaid").GetDecimal());
    }

    [Fact]
    public async Task A_callback_with_a_tampered_token_confirms_nothing_and_leads_to_no_such_order()
    {
        var order = await shop.PlaceOrderAsync((await shop.ProductsInStockAsync())[0].Id);
        var paid = shop.Pay(order);
        var tampered = order.Token[..20] + (order.Token[20] == 'A' ? 'B' : 'A') + order.Token[21..];

        using var callback = await shop.PostCallbackAsync("?token=" + tampered, Success(paid));

        Assert.Equal("/orders/" + tampered + "?payment=unconfirmed", Location(callback));
        Assert.Equal(HttpStatusCode.NotFound, (await shop.GetPageAsync(Location(callback))).Status);
        Assert.Equal("AWAITING_PAYMENT", (await shop.OrderAsync(order.Token)).GetProperty("paymentStatus").GetString());
    }

    public static TheoryData<string, string, string> Junk => new()
    {
        // query, content type, body
        { "", "application/x-www-form-urlencoded", "razorpay_payment_id=pay_1&razorpay_order_id=order_1&razorpay_signature=ab" },
        { "?token=" + new string('A', 2000), "application/x-www-form-urlencoded", "" },
        { "?token=%00%FF", "application/x-www-form-urlencoded", "" },
        { "?token=abc", "application/json", """{"razorpay_payment_id": "pay_1"}""" },
        { "?token=abc", "text/plain", "\u0000\u0001garbage" },
        { "?token=abc", "application/x-www-form-urlencoded", "razorpay_payment_id=" + new string('p', 5000) + "&razorpay_order_id=o&razorpay_signature=s" },
        { "?token=abc", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"razorpay_signature\"\r\n\r\nab\r\n--x--\r\n" },
    };

    [Theory]
    [MemberData(nameof(Junk))]
    public async Task Junk_sent_to_the_callback_is_a_redirect_never_a_500(string query, string contentType, string body)
    {
        using var browser = shop.CreateBrowser();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await browser.PostAsync("/checkout/callback" + query, content);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith(query.Length == 0 || query.Contains("%00", StringComparison.Ordinal) || query.Length > 1000 ? "/orders/find" : "/orders/", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callback_answers_only_posts()
    {
        using var browser = shop.CreateBrowser();
        using var response = await browser.GetAsync("/checkout/callback?token=abc");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
