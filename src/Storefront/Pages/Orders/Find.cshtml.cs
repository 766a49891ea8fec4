using Diecast.Storefront.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages.Orders;

/// <summary>
/// Find an order by its number and the email it was placed with (/orders/find): a POST form with an antiforgery token,
/// answered by the API's <c>order(number:, email:)</c>. Every miss (unknown number, another customer's number, a wrong
/// email) reads the same words with the same status after the same one API call, so the page is no oracle; the API rate
/// limits the lookups as expensive queries. The order found is shown here without the payment button: paying needs
/// the order's signed link (the callback is bound to its token).
/// </summary>
public sealed class FindModel(IDiecastClient client, TimeProvider time, ILogger<FindModel> logger) : PageModel
{
    public const int MaxNumberLength = 40;

    public const int MaxEmailLength = 254;

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public Dictionary<string, string> FieldErrors { get; } = [];

    /// <summary>Set when the lookup ran and found nothing, or could not run: shown above the form.</summary>
    public string? Notice { get; private set; }

    public OrderView? View { get; private set; }

    public void OnGet() => Prepare();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Prepare();
        var number = (Number ?? "").Trim();
        var email = (Email ?? "").Trim();
        if (number.Length == 0)
        {
            FieldErrors[nameof(Number)] = "Enter your order number, e.g. DC-10042.";
        }
        else if (number.Length > MaxNumberLength)
        {
            FieldErrors[nameof(Number)] = $"An order number is at most {MaxNumberLength} characters.";
        }

        if (email.Length == 0)
        {
            FieldErrors[nameof(Email)] = "Enter the email you placed the order with.";
        }
        else if (email.Length > MaxEmailLength || !email.Contains('@', StringComparison.Ordinal))
        {
            FieldErrors[nameof(Email)] = "Enter an email address like name@example.com.";
        }

        if (FieldErrors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await client.OrderByNumber.ExecuteAsync(number, email, cancellationToken);
        if (result.Data?.Order is { } order)
        {
            View = new OrderView(order, time.GetUtcNow());
            ViewData.SetPageMeta(new PageMeta { Title = $"Order {order.Number}", NoIndex = true });
            return Page();
        }

        if (result.Errors.Any(e => e.Code == "RATE_LIMITED"))
        {
            Notice = "Too many lookups from here just now. Please wait a minute and try again.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }
        else if (result.Errors.Count > 0)
        {
            logger.LogWarning("An order lookup failed: {Errors}", string.Join("; ", result.Errors.Select(e => e.Code ?? e.Message)));
            Notice = "We cannot look orders up right now. Please try again in a minute.";
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
        else
        {
            // One sentence for every miss: it must not tell an unknown number from someone else's.
            Notice = "No such order: we found no order with that number and email. Check both and try again.";
        }

        return Page();
    }

    private void Prepare()
    {
        OrderPageHeaders.SetPrivate(Response);
        ViewData.SetPageMeta(new PageMeta { Title = "Find your order", NoIndex = true });
    }
}
