using System.Globalization;
using Diecast.Storefront.Cart;
using Diecast.Storefront.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages.Cart;

/// <summary>
/// The cart: its lines priced by the API (checkoutQuote) on every view, quantities to change, lines to remove, totals
/// and shipping, notices for what changed since the shopper last looked, and the way to checkout. Per shopper: never
/// cached (<c>no-store, no-cache, private</c>), not indexed; its forms carry antiforgery tokens and must also come from this shop
/// (<see cref="SameOriginPosts"/>). Every change is Post/Redirect/Get, so it works without JavaScript.
/// </summary>
public sealed class CartPageModel(IDiecastClient client, CartSession session, ILogger<CartPageModel> logger) : PageModel
{
    /// <summary>The lines that can be bought, at the quantities that can (what the cart holds after this view).</summary>
    public IReadOnlyList<ICartQuoteLine> Lines { get; private set; } = [];

    /// <summary>The quote's totals (rupees); null for an empty cart or when the API could not price it.</summary>
    public ICartQuote_CheckoutQuote? Quote { get; private set; }

    /// <summary>What changed since the shopper last looked, and what their last action did.</summary>
    public List<string> Notices { get; } = [];

    /// <summary>The cart could not be priced (the API failed): the page says so and offers to try again.</summary>
    public bool Unavailable { get; private set; }

    /// <summary>A line's quantity that was refused, with why: shown beside that line's field.</summary>
    public (string ProductId, string Message)? QuantityError { get; private set; }

    public int MaxQuantityPerLine => Quote?.MaxQuantityPerLine is { } api ? Math.Min(api, session.MaxQuantityPerLine) : session.MaxQuantityPerLine;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData.SetPageMeta(new PageMeta { Title = "Your cart", Description = "The models in your cart, priced now, with shipping.", NoIndex = true });
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Sets a line's quantity (0 removes it; above the most per order, the most).</summary>
    public async Task<IActionResult> OnPostUpdateAsync(string? productId, string? quantity, CancellationToken cancellationToken)
    {
        var cart = session.Read(HttpContext);
        if (productId is null || cart.Find(productId) is null)
        {
            // A line removed in another tab, or a stale page: nothing to change.
            return SeeOther(null);
        }

        if (!int.TryParse(quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var wanted))
        {
            ViewData.SetPageMeta(new PageMeta { Title = "Your cart", NoIndex = true });
            QuantityError = (productId, $"Enter a whole number from 0 to {session.MaxQuantityPerLine} (0 removes it).");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        session.Write(HttpContext, cart.SetQuantity(productId, wanted, session.MaxQuantityPerLine));
        // What was asked rides along, so the cart page says one thing about this line whichever limit lowered it.
        return SeeOther(wanted > session.MaxQuantityPerLine
            ? string.Create(CultureInfo.InvariantCulture, $"limited={Uri.EscapeDataString(productId)}&asked={wanted}")
            : null);
    }

    /// <summary>Takes a line out of the cart.</summary>
    public IActionResult OnPostRemove(string? productId)
    {
        var cart = session.Read(HttpContext);
        if (productId is not null && cart.Find(productId) is not null)
        {
            session.Write(HttpContext, cart.Remove(productId));
            return SeeOther("removed=1");
        }

        return SeeOther(null);
    }

    /// <summary>Per shopper: the headers that keep every cache from storing the page.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        // Per shopper: no cache anywhere may keep it (a shared cache would hand one shopper's cart to another). Set as
        // the response starts, after antiforgery's own "no-cache, no-store", so this is the one header sent.
        Response.OnStarting(() =>
        {
            Response.Headers.CacheControl = "no-store, no-cache, private";
            Response.Headers.Remove("Pragma");
            return Task.CompletedTask;
        });
        // Cross-site POSTs never reach the handlers: SameOriginPostsFilter, on every page, refuses them first.
        await next();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        AddNoticesFromQuery();
        var cart = session.Read(HttpContext);
        if (cart.IsEmpty)
        {
            return;
        }

        var result = await client.CartQuote.ExecuteAsync(
            [.. cart.Lines.Select(l => new PlaceOrderItemInput { ProductId = l.ProductId, Quantity = l.Quantity })], cancellationToken);
        if (result.Data?.CheckoutQuote is not { } quote)
        {
            // The API is down or refused the cart (a cookie from a shop whose per-line maximum was higher): the cart stays
            // as it is and the page says to try again; nothing is lost.
            logger.LogWarning("The cart could not be priced: {Errors}", string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Message}")));
            Unavailable = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var limited = Limited(cart);
        var (reviewed, notices) = CartReview.Reconcile(cart, quote.Lines, limited is { } l ? new Dictionary<string, int> { [l.ProductId] = l.Asked } : null);
        Notices.AddRange(notices);
        if (!ReferenceEquals(reviewed, cart))
        {
            session.Write(HttpContext, reviewed);
        }

        // The per-line maximum is said only when it is what the line holds: if stock (or the API's own maximum) lowered
        // it further, the quote's notice above already says so, against what the shopper asked for (one notice a line).
        if (limited is { } line && reviewed.Find(line.ProductId)?.Quantity == session.MaxQuantityPerLine)
        {
            Notices.Add(line.Asked > session.MaxQuantityPerLine
                ? $"One order can hold at most {session.MaxQuantityPerLine} of each model, so that line holds {session.MaxQuantityPerLine} instead of the {line.Asked} you chose."
                : $"One order can hold at most {session.MaxQuantityPerLine} of each model, so that line holds {session.MaxQuantityPerLine}.");
        }

        Quote = quote;
        Lines = [.. quote.Lines.Where(l => l.Issue is null or CheckoutLineIssue.QuantityReduced)];
    }

    private void AddNoticesFromQuery()
    {
        if (TempData[CartRegistration.NoticesTempDataKey] is string left)
        {
            Notices.AddRange(left.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        if (Request.Query[CartRegistration.NotPlacedParameter] == "1")
        {
            Notices.Add("Your order was not placed: a model in it sold out or ran short while you were checking out. Your cart below shows what can be bought now.");
        }

        if (Request.Query["full"] == "1")
        {
            Notices.Add($"Your cart holds {Diecast.Storefront.Cart.Cart.MaxLines} different models at most: remove one to add another.");
        }

        if (Request.Query["removed"] == "1")
        {
            Notices.Add("Removed from your cart.");
        }
    }

    /// <summary>The line the last quantity change lowered to the per-line maximum (<c>?limited=&amp;asked=</c>), if it is still in the cart.</summary>
    private (string ProductId, int Asked)? Limited(Diecast.Storefront.Cart.Cart cart) =>
        Request.Query["limited"].ToString() is { Length: > 0 } limited && cart.Find(limited) is not null
            ? (limited, int.TryParse(Request.Query["asked"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) ? asked : 0)
            : null;

    /// <summary>The product just added (from <c>?added=</c>), when it is in the cart, for the "added" message.</summary>
    public ICartQuoteLine? Added =>
        Request.Query["added"].ToString() is { Length: > 0 } added ? Lines.FirstOrDefault(l => l.ProductId == added) : null;

    private static SeeOther SeeOther(string? query) => new(query is null ? CartRegistration.CartPath : $"{CartRegistration.CartPath}?{query}");
}
