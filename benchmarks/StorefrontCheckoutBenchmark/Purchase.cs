using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Diecast.StorefrontCheckoutBenchmark;

/// <summary>How one shopper's purchase ended.</summary>
internal enum PurchaseOutcome
{
    /// <summary>The order page showed the order paid.</summary>
    Paid,

    /// <summary>The checkout refused the order with a notice to the shopper (sold out, not enough left).</summary>
    Refused,

    /// <summary>Anything else: a wrong status, a missing form, an order never paid. The run's check fails.</summary>
    Failed,
}

/// <summary>One purchase: its outcome, the order's token, the notice or the failure, and milliseconds per step.</summary>
internal sealed record PurchaseResult(PurchaseOutcome Outcome, string? OrderToken, string? Detail, IReadOnlyList<(string Step, double Milliseconds)> Steps);

/// <summary>
/// One shopper buying one product through the storefront as a browser without script would: a new cookie jar, the
/// pages and forms in order, redirects read (not followed) so each step is timed on its own. Stock and money are read
/// back from the database by the caller, never trusted from these pages.
/// </summary>
internal sealed partial class Purchase(Uri shop, Uri simulator)
{
    /// <summary>The steps timed, in order.</summary>
    public static readonly string[] StepNames =
    [
        "GET product page", "POST add to cart", "GET cart", "GET checkout", "POST checkout (place order)",
        "GET order page", "simulator: pay", "POST checkout callback", "GET order page until paid",
    ];

    private static readonly TimeSpan PaidWithin = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Buys <paramref name="quantity"/> of the product as a new shopper whose address is <paramref name="shopperAddress"/>:
    /// every request to the shop carries it in <c>X-Forwarded-For</c>, as a CDN or balancer in front would say it.
    /// </summary>
    public async Task<PurchaseResult> RunAsync(string productId, string slug, int quantity, string shopperAddress)
    {
        var steps = new List<(string, double)>();
        using var http = new HttpClient(new CookieJar { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false } })
        {
            BaseAddress = shop,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", shopperAddress);
        try
        {
            await TimedAsync(steps, StepNames[0], () => ExpectAsync(http.GetAsync(new Uri($"/cars/{slug}", UriKind.Relative)), HttpStatusCode.OK));
            await TimedAsync(steps, StepNames[1], () => ExpectAsync(http.SendAsync(Form(HttpMethod.Post, "/cart/add", new() { ["productId"] = productId, ["quantity"] = $"{quantity}" })), HttpStatusCode.SeeOther));
            var cartPage = await TimedAsync(steps, StepNames[2], () => ExpectAsync(http.GetAsync(new Uri("/cart", UriKind.Relative)), HttpStatusCode.OK));
            var started = Stopwatch.GetTimestamp();
            using var checkoutResponse = await http.GetAsync(new Uri("/checkout", UriKind.Relative));
            var checkout = await checkoutResponse.Content.ReadAsStringAsync();
            steps.Add((StepNames[3], Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            if (checkoutResponse.StatusCode == HttpStatusCode.SeeOther && checkoutResponse.Headers.Location?.OriginalString == "/cart")
            {
                // Sold out between the add and the cart page: the cart page took the line out and said so, leaving an
                // empty cart, which checkout sends back to the cart.
                return CartNotices().Match(cartPage) is { Success: true } soldOut
                    ? new PurchaseResult(PurchaseOutcome.Refused, null, Text(soldOut), steps)
                    : new PurchaseResult(PurchaseOutcome.Failed, null, "checkout sent an emptied cart back without a notice on the cart page", steps);
            }

            if (checkoutResponse.StatusCode != HttpStatusCode.OK)
            {
                return new PurchaseResult(PurchaseOutcome.Failed, null, $"GET /checkout answered {(int)checkoutResponse.StatusCode}", steps);
            }

            if (!checkout.Contains("id=\"checkout-form\"", StringComparison.Ordinal) && Notices().Match(checkout) is { Success: true } early)
            {
                // Sold out between the cart and the checkout: the line was taken out and the shopper told so.
                return new PurchaseResult(PurchaseOutcome.Refused, null, Text(early), steps);
            }

            var fields = HiddenInputs(checkout);
            fields["Name"] = "Load Shopper";
            fields["Email"] = "load.shopper@example.com";
            fields["Phone"] = "98765 43210";
            fields["Line1"] = "12 Marine Drive";
            fields["Line2"] = "Flat 4B";
            fields["City"] = "Mumbai";
            fields["State"] = "MAHARASHTRA";
            fields["PostalCode"] = "400002";
            started = Stopwatch.GetTimestamp();
            using var placed = await http.SendAsync(Form(HttpMethod.Post, "/checkout", fields));
            steps.Add((StepNames[4], Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            if (placed.StatusCode == HttpStatusCode.OK)
            {
                var page = await placed.Content.ReadAsStringAsync();
                var notice = Notices().Match(page);
                return notice.Success
                    ? new PurchaseResult(PurchaseOutcome.Refused, null, Text(notice), steps)
                    : new PurchaseResult(PurchaseOutcome.Failed, null, "checkout answered 200 without a notice", steps);
            }

            if (placed.StatusCode == HttpStatusCode.SeeOther && placed.Headers.Location?.OriginalString is { } back
                && (back == "/cart" || back.StartsWith("/cart?", StringComparison.Ordinal)))
            {
                // Sold out (or fewer left) since the quote: the cart page (?notPlaced=1 when placeOrder refused) prices the
                // cart again and says what changed.
                var cart = await ExpectAsync(http.GetAsync(new Uri(back, UriKind.Relative)), HttpStatusCode.OK);
                return CartNotices().Match(cart) is { Success: true } cartNotice
                    ? new PurchaseResult(PurchaseOutcome.Refused, null, Text(cartNotice), steps)
                    : new PurchaseResult(PurchaseOutcome.Failed, null, "checkout sent the shopper back to a cart without a notice", steps);
            }

            if (placed.StatusCode != HttpStatusCode.SeeOther || placed.Headers.Location is not { } location || !location.OriginalString.StartsWith("/orders/", StringComparison.Ordinal))
            {
                return new PurchaseResult(PurchaseOutcome.Failed, null, $"checkout answered {(int)placed.StatusCode} {placed.Headers.Location}", steps);
            }

            var orderPath = location.OriginalString;
            var token = orderPath["/orders/".Length..];
            var orderPage = await TimedAsync(steps, StepNames[5], () => ExpectAsync(http.GetAsync(new Uri(orderPath, UriKind.Relative)), HttpStatusCode.OK));
            var payHref = WebUtility.HtmlDecode(PayButton().Match(orderPage).Groups["href"].Value);
            var orderId = Regex.Match(payHref, "[?&]order_id=(?<id>[^&]+)").Groups["id"].Value;
            if (orderId.Length == 0)
            {
                return new PurchaseResult(PurchaseOutcome.Failed, token, "the order page has no simulator Pay link", steps);
            }

            var callback = await TimedAsync(steps, StepNames[6], async () =>
            {
                using var paid = await http.PostAsJsonAsync(new Uri(simulator, "/simulator/razorpay/pay"), new { order_id = Uri.UnescapeDataString(orderId), outcome = "captured" });
                paid.EnsureSuccessStatusCode();
                return await paid.Content.ReadAsStringAsync();
            });
            using (var fieldsJson = JsonDocument.Parse(callback))
            {
                var callbackFields = new Dictionary<string, string>
                {
                    ["razorpay_payment_id"] = fieldsJson.RootElement.GetProperty("razorpay_payment_id").GetString()!,
                    ["razorpay_order_id"] = fieldsJson.RootElement.GetProperty("razorpay_order_id").GetString()!,
                    ["razorpay_signature"] = fieldsJson.RootElement.GetProperty("razorpay_signature").GetString()!,
                };
                await TimedAsync(steps, StepNames[7], () => ExpectAsync(
                    http.SendAsync(Form(HttpMethod.Post, $"/checkout/callback?token={Uri.EscapeDataString(token)}", callbackFields, crossSite: true)), HttpStatusCode.SeeOther));
            }

            var paidAt = await TimedAsync(steps, StepNames[8], async () =>
            {
                var until = Stopwatch.GetTimestamp() + (long)(PaidWithin.TotalSeconds * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < until)
                {
                    var page = await ExpectAsync(http.GetAsync(new Uri(orderPath + "?payment=received", UriKind.Relative)), HttpStatusCode.OK);
                    if (page.Contains("data-panel=\"Settled\"", StringComparison.Ordinal))
                    {
                        return true;
                    }

                    // The page asks the browser to come back in 3 s (Refresh); a load run asks more often.
                    await Task.Delay(250);
                }

                return false;
            });
            return paidAt
                ? new PurchaseResult(PurchaseOutcome.Paid, token, null, steps)
                : new PurchaseResult(PurchaseOutcome.Failed, token, $"order {token} not paid within {PaidWithin}", steps);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException or JsonException)
        {
            return new PurchaseResult(PurchaseOutcome.Failed, null, e.Message, steps);
        }
    }

    private HttpRequestMessage Form(HttpMethod method, string path, Dictionary<string, string> fields, bool crossSite = false)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        // What a browser sends with a form posted from the shop's own page (Razorpay's callback comes from its own origin).
        request.Headers.Add("Origin", crossSite ? simulator.GetLeftPart(UriPartial.Authority) : shop.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", crossSite ? "cross-site" : "same-origin");
        return request;
    }

    private static async Task<string> ExpectAsync(Task<HttpResponseMessage> sending, HttpStatusCode expected)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == expected
            ? body
            : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}");
    }

    private static async Task<T> TimedAsync<T>(List<(string, double)> steps, string step, Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await action();
        steps.Add((step, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        return result;
    }

    private static Dictionary<string, string> HiddenInputs(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in HiddenInput().Matches(html))
        {
            var name = Attribute("name").Match(input.Value);
            var value = Attribute("value").Match(input.Value);
            if (name.Success)
            {
                fields[WebUtility.HtmlDecode(name.Groups["v"].Value)] = WebUtility.HtmlDecode(value.Success ? value.Groups["v"].Value : "");
            }
        }

        return fields.ContainsKey("__RequestVerificationToken") ? fields : throw new InvalidOperationException("The checkout page has no antiforgery token.");
    }

    private static string Text(Match notice) => Regex.Replace(WebUtility.HtmlDecode(Tags().Replace(notice.Groups["text"].Value, " ")), "\\s+", " ").Trim();

    private static Regex Attribute(string name) => new($"\\s{name}=\"(?<v>[^\"]*)\"", RegexOptions.CultureInvariant);

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex HiddenInput();

    [GeneratedRegex("id=\"pay-button\"[^>]*href=\"(?<href>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex PayButton();

    [GeneratedRegex("id=\"checkout-notices\"[^>]*>(?<text>.*?)</div>", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Notices();

    [GeneratedRegex("id=\"cart-notices\"[^>]*>(?<text>.*?)</ul>", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex CartNotices();

    [GeneratedRegex("<[^>]+>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();
}

/// <summary>
/// A shopper's cookies, kept as a browser on http://127.0.0.1 keeps them: Chromium treats loopback as a secure context
/// and sends the cart's <c>Secure</c> cookie back; .NET's CookieContainer does not over http, so this jar keeps every
/// cookie by name (attributes ignored, one site) and sends them all.
/// </summary>
internal sealed class CookieJar : DelegatingHandler
{
    private readonly Dictionary<string, string> _cookies = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_cookies)
        {
            if (_cookies.Count > 0 && request.RequestUri?.IsLoopback == true)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            lock (_cookies)
            {
                foreach (var setCookie in setCookies)
                {
                    var pair = setCookie.Split(';', 2)[0];
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals > 0)
                    {
                        var (name, value) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
                        // An expired or emptied cookie is deleted, as a browser does.
                        if (value.Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                        {
                            _cookies.Remove(name);
                        }
                        else
                        {
                            _cookies[name] = value;
                        }
                    }
                }
            }
        }

        return response;
    }
}
