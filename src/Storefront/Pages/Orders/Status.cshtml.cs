using Diecast.Storefront.Pages.Checkout;
using Diecast.Storefront.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Diecast.Storefront.Pages.Orders;

/// <summary>
/// A customer's order by the signed link placeOrder returned (/orders/{token}): lines, totals, payment and fulfilment
/// in words, the timeline, and the payment panel (pay, confirming, failed, ended). A token that opens nothing, tampered
/// or made up, is the same "no such order" 404. While a payment the shopper made is being confirmed the page refreshes
/// itself (the Refresh header: no JavaScript needed) up to <see cref="MaxChecks"/> times, then says we will email.
/// </summary>
public sealed class StatusModel(IDiecastClient client, TimeProvider time, IOptions<PaymentOptions> paymentOptions, SiteUrls urls, ILogger<StatusModel> logger) : PageModel
{
    /// <summary>Refreshes while confirming: 20 × 3 s, a minute, covers the webhook's usual seconds and a retry or two.</summary>
    public const int MaxChecks = 20;

    public const int RefreshSeconds = 3;

    public OrderView? View { get; private set; }

    public string Token { get; private set; } = "";

    /// <summary>How many times this page has refreshed itself while confirming (?check=N).</summary>
    public int Check { get; private set; }

    public bool StillChecking => Check < MaxChecks;

    /// <summary>The simulator's page with our callback, or null when Razorpay's script opens Checkout.</summary>
    public string? SimulatorHref { get; private set; }

    /// <summary>Where Razorpay posts the outcome: absolute, since it posts from its own site.</summary>
    public string CallbackUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, string? payment, int? check, CancellationToken cancellationToken)
    {
        OrderPageHeaders.SetPrivate(Response);
        ViewData.SetPageMeta(new PageMeta { Title = "Your order", NoIndex = true });
        if (!OrderUrl.IsTokenShaped(token))
        {
            return NotFoundPage();
        }

        var result = await client.OrderByToken.ExecuteAsync(token, cancellationToken);
        if (result.Data?.OrderByToken is not { } order)
        {
            if (result.Data is not null && result.Errors.Count == 0)
            {
                return NotFoundPage();
            }

            logger.LogWarning("An order page could not be loaded: {Errors}", string.Join("; ", result.Errors.Select(e => e.Code ?? e.Message)));
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        Token = token;
        Check = Math.Clamp(check ?? 0, 0, MaxChecks);
        View = new OrderView(order, time.GetUtcNow(), OrderUrl.ParseReturn(payment));
        ViewData.SetPageMeta(new PageMeta { Title = $"Order {order.Number}", NoIndex = true });
        CallbackUrl = urls.Absolute(Request, OrderUrl.Callback(token));
        if (order.Payment is { } options && paymentOptions.Value.PaymentSimulatorUrl is { } simulator)
        {
            SimulatorHref = QueryString(simulator, ("order_id", options.RazorpayOrderId), ("callback_url", CallbackUrl));
        }

        if (View.Panel == PaymentPanel.Confirming && StillChecking)
        {
            // Stateless: the count rides in the address, so any instance serves the next refresh.
            Response.Headers["Refresh"] = $"{RefreshSeconds}; url={OrderUrl.For(token, PaymentReturn.Received, Check + 1)}";
        }

        return Page();
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private static string QueryString(Uri page, params ReadOnlySpan<(string Name, string Value)> parameters)
    {
        var text = page.ToString();
        foreach (var (name, value) in parameters)
        {
            text += (text.Contains('?', StringComparison.Ordinal) ? "&" : "?") + name + "=" + Uri.EscapeDataString(value);
        }

        return text;
    }
}
