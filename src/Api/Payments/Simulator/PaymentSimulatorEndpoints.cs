using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Diecast.Api.Payments.Razorpay;

namespace Diecast.Api.Payments.Simulator;

/// <summary>
/// The simulator's routes, mapped only when it is on (never in Production): Razorpay's API at
/// <see cref="RazorpayEndpoint.SimulatorPath"/> (where the client's BaseUrl points), a checkout page where a tester
/// pays or fails (GET /simulator/checkout?order_id=…), and POST /simulator/razorpay/pay for curl.
/// </summary>
public static class PaymentSimulatorEndpoints
{
    public const string CheckoutPath = "/simulator/checkout";
    public const string PayPath = "/simulator/razorpay/pay";

    /// <summary>
    /// Maps the simulator outside Production; its routes answer 404 unless <see cref="RazorpayOptions.IsSimulated"/>.
    /// Resolves nothing here: the commands (schema export, database migrate) build the app without Razorpay settings.
    /// </summary>
    public static WebApplication MapPaymentSimulator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Environment.IsProduction())
        {
            return app;
        }

        static RazorpaySimulator? Engine(HttpContext http) => http.RequestServices.GetRequiredService<PaymentSimulator>().Engine;

        app.MapRazorpaySimulatorApi(RazorpayEndpoint.SimulatorPath.TrimEnd('/'), Engine);
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet(CheckoutPath, (HttpContext http) => Engine(http) is { } engine ? CheckoutPage(http, engine) : Results.NotFound());
        pages.MapPost(CheckoutPath, async (HttpContext http) =>
        {
            if (Engine(http) is not { } engine)
            {
                return Results.NotFound();
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return PayPage(engine, form["order_id"].ToString(), form["outcome"].ToString(), form["callback_url"].ToString());
        });
        pages.MapPost(PayPath, async (HttpContext http) =>
        {
            if (Engine(http) is not { } engine)
            {
                return Results.NotFound();
            }

            PayRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<PayRequest>(http.Request.Body, RazorpayWire.Json, http.RequestAborted);
            }
            catch (JsonException e)
            {
                return Results.BadRequest(new { error = $"The body is not {{\"order_id\": \"order_…\", \"outcome\": \"captured|authorized|failed\"}}: {e.Message}" });
            }

            if (request is null || !TryOutcome(request.Outcome, out var outcome))
            {
                return Results.BadRequest(new { error = "outcome must be captured, authorized or failed." });
            }

            try
            {
                var paid = engine.Pay(request.OrderId, outcome);
                return Results.Json(new CheckoutCallback(paid.RazorpayPaymentId, paid.RazorpayOrderId, paid.RazorpaySignature, paid.Payment.Status), RazorpayWire.Json);
            }
            catch (InvalidOperationException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        });
        return app;
    }

    private static IResult CheckoutPage(HttpContext http, RazorpaySimulator engine)
    {
        var orderId = http.Request.Query["order_id"].ToString();
        var callback = http.Request.Query["callback_url"].ToString();
        var order = engine.FindOrder(orderId);
        if (order is null)
        {
            return Page("No such order", $"<p>The simulator has no Razorpay order <code>{Html(orderId)}</code>. Place an order first (placeOrder returns <code>payment.razorpayOrderId</code>).</p>", 404);
        }

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p>Razorpay order <code>{Html(order.Id)}</code>, receipt <code>{Html(order.Receipt ?? "")}</code>: <strong>₹{RazorpayAmounts.FromPaise(order.AmountPaise):N2}</strong> ({order.AmountPaise} paise), status <code>{Html(order.Status)}</code>.</p>");
        if (order.Status == RazorpayStatuses.OrderPaid)
        {
            body.Append("<p>This order is paid: Razorpay accepts no further payments.</p>");
        }
        else
        {
            foreach (var (outcome, label) in new[] { ("captured", "Pay successfully"), ("authorized", "Authorise only (not captured)"), ("failed", "Fail (bank declines)") })
            {
                body.Append(CultureInfo.InvariantCulture, $"""
                    <form method="post" action="{CheckoutPath}"><input type="hidden" name="order_id" value="{Html(order.Id)}"><input type="hidden" name="outcome" value="{outcome}"><input type="hidden" name="callback_url" value="{Html(callback)}"><button type="submit">{label}</button></form>
                    """);
            }
        }

        return Page("Razorpay Checkout (simulated)", body.ToString(), 200);
    }

    private static IResult PayPage(RazorpaySimulator engine, string orderId, string outcomeText, string callback)
    {
        if (!TryOutcome(outcomeText, out var outcome))
        {
            return Page("Payment not made", "<p>Choose an outcome: captured, authorized or failed.</p>", 400);
        }

        SimulatedCheckout paid;
        try
        {
            paid = engine.Pay(orderId, outcome);
        }
        catch (InvalidOperationException e)
        {
            return Page("Payment not made", $"<p>{Html(e.Message)}</p>", 400);
        }

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p>Payment <code>{Html(paid.RazorpayPaymentId)}</code> is <strong>{Html(paid.Payment.Status)}</strong>. Its webhooks are being posted to <code>{PaymentSimulator.WebhookPath}</code>.</p>");
        if (paid.RazorpaySignature is null)
        {
            body.Append("<p>Checkout returns no signature for a failed payment (the browser gets <code>payment.failed</code>).</p>");
            if (IsCallbackUrl(callback))
            {
                // In redirect mode Razorpay POSTs a failure's error[…] fields to callback_url instead; so does this form.
                var metadata = JsonSerializer.Serialize(new { payment_id = paid.RazorpayPaymentId, order_id = paid.RazorpayOrderId });
                var errorFields = new[]
                {
                    ("error[code]", paid.Payment.ErrorCode ?? "BAD_REQUEST_ERROR"),
                    ("error[description]", paid.Payment.ErrorDescription ?? "Payment failed"),
                    ("error[source]", "bank"),
                    ("error[step]", "payment_authorization"),
                    ("error[reason]", "payment_failed"),
                    ("error[metadata]", metadata),
                };
                body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{Html(callback)}\">");
                foreach (var (name, value) in errorFields)
                {
                    body.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{Html(name)}\" value=\"{Html(value)}\">");
                }

                body.Append("<button type=\"submit\">Return to the shop</button></form>");
            }
        }
        else
        {
            var fields = new[] { ("razorpay_payment_id", paid.RazorpayPaymentId), ("razorpay_order_id", paid.RazorpayOrderId), ("razorpay_signature", paid.RazorpaySignature) };
            body.Append("<p>What Checkout hands the browser (its <code>handler</code>), signed with the key secret:</p><dl>");
            foreach (var (name, value) in fields)
            {
                body.Append(CultureInfo.InvariantCulture, $"<dt>{name}</dt><dd><code>{Html(value)}</code></dd>");
            }

            body.Append("</dl>");
            if (IsCallbackUrl(callback))
            {
                // Razorpay POSTs the three fields to callback_url (razorpay.md §3); so does this form.
                body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{Html(callback)}\">");
                foreach (var (name, value) in fields)
                {
                    body.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{name}\" value=\"{Html(value)}\">");
                }

                body.Append("<button type=\"submit\">Return to the shop</button></form>");
            }
        }

        return Page("Razorpay Checkout (simulated)", body.ToString(), 200);
    }

    private static bool IsCallbackUrl(string callback) =>
        callback.Length > 0 && (callback.StartsWith('/') && !callback.StartsWith("//", StringComparison.Ordinal)
            || Uri.TryCreate(callback, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    private static bool TryOutcome(string? text, out SimulatedPaymentOutcome outcome)
    {
        outcome = default;
        return text is "captured" or "authorized" or "failed" && Enum.TryParse(text, ignoreCase: true, out outcome);
    }

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);

    private static IResult Page(string title, string body, int status) => Results.Content(
        $$"""
        <!doctype html>
        <html lang="en-IN"><head><meta charset="utf-8"><title>{{Html(title)}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}form{display:inline-block;margin:.25rem}button{padding:.5rem 1rem}code{word-break:break-all}</style></head>
        <body><h1>{{Html(title)}}</h1><p><em>Payment simulator: Development only; no money moves.</em></p>{{body}}</body></html>
        """,
        "text/html; charset=utf-8",
        Encoding.UTF8,
        status);

    private sealed record PayRequest(string OrderId, string? Outcome = null);

    private sealed record CheckoutCallback(string RazorpayPaymentId, string RazorpayOrderId, string? RazorpaySignature, string Status);
}
