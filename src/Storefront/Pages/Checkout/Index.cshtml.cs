using System.Globalization;
using Diecast.Storefront.Cart;
using Diecast.Storefront.Components;
using Diecast.Storefront.Pages.Orders;
using Diecast.Storefront.Seo;
using ShopperCart = Diecast.Storefront.Cart.Cart;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages.Checkout;

/// <summary>
/// /checkout: one page with contact, delivery address and the order summary the API priced (checkoutQuote). On POST
/// (antiforgery checked): the storefront's field checks, a fresh quote (a changed total or a line that changed since the
/// form was shown re-renders with a notice and places nothing), then placeOrder with the cart's CheckoutKey as the
/// idempotency key, so a double submit, a refresh or a replayed cart cookie never makes a second order. Placed: the cart
/// starts anew before the 303 to the order page, where the shopper pays. The API's ValidationError paths land beside
/// the same fields; a sell-out between cart and order goes back to the cart page, which says what changed.
/// </summary>
public sealed class IndexModel(IDiecastClient client, CartSession carts, TimeProvider time, ILogger<IndexModel> logger) : PageModel
{
    public CheckoutForm Form { get; private set; } = new();

    public Dictionary<string, string> FieldErrors { get; private set; } = [];

    /// <summary>What changed or went wrong, said above the form.</summary>
    public List<string> Notices { get; } = [];

    /// <summary>The API's pricing of the cart as the form shows it.</summary>
    public ICheckoutPage_CheckoutQuote? Quote { get; private set; }

    /// <summary>
    /// The cart posted had been ordered before with other details (an old cart cookie sent again): a new, empty cart was
    /// started, so the page shows where to go (the order, the cart) instead of the old lines and a button that leads nowhere.
    /// </summary>
    public bool AlreadyOrdered { get; private set; }

    /// <summary>Set when the order was placed but payment could not start: its page, to try from there later.</summary>
    public string? PlacedOrderUrl { get; private set; }

    /// <summary>The total the form was rendered with, posted back (invariant "27999.00").</summary>
    public string QuotedTotal => Quote is null ? "" : Quote.Total.ToString("0.00", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Prepare();
        var cart = carts.Read(HttpContext);
        if (cart.IsEmpty)
        {
            return SeeOther(CartRegistration.CartPath);
        }

        return await QuoteAsync(cart, cancellationToken) switch
        {
            QuoteOutcome.Failed => Unavailable(),
            QuoteOutcome.Emptied => BackToEmptiedCart(),
            _ => Page(),
        };
    }

    public async Task<IActionResult> OnPostAsync([FromForm] CheckoutForm form, [FromForm] string? quotedTotal, CancellationToken cancellationToken)
    {
        Prepare();
        // The cart of this request: after placing, the cookie holds a new, empty cart, so the back button's re-POST
        // (or a second tab's) lands here and places nothing.
        var cart = carts.Read(HttpContext);
        if (cart.IsEmpty)
        {
            return SeeOther(CartRegistration.CartPath);
        }

        Form = form;
        FieldErrors = form.Validate();
        var outcome = await QuoteAsync(cart, cancellationToken);
        if (outcome == QuoteOutcome.Failed)
        {
            return Unavailable();
        }

        if (outcome == QuoteOutcome.Emptied)
        {
            return BackToEmptiedCart();
        }

        if (outcome == QuoteOutcome.Changed)
        {
            return Page();
        }

        if (!decimal.TryParse(quotedTotal, NumberStyles.Number, CultureInfo.InvariantCulture, out var shown) || shown != Quote!.Total)
        {
            Notices.Add($"The total changed since this page was opened: it is now {Money.Format(Quote!.Total)}. Check your order below, then place it.");
            return Page();
        }

        if (FieldErrors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return await PlaceAsync(carts.Read(HttpContext), cancellationToken);
    }

    private async Task<IActionResult> PlaceAsync(ShopperCart cart, CancellationToken cancellationToken)
    {
        var input = new PlaceOrderInput
        {
            Items = [.. cart.Lines.Select(l => new PlaceOrderItemInput { ProductId = l.ProductId, Quantity = l.Quantity })],
            Customer = new CustomerInput { Name = Form.Name!, Email = Form.Email!, Phone = Form.Phone! },
            ShippingAddress = new ShippingAddressInput
            {
                Line1 = Form.Line1!,
                Line2 = Form.Line2,
                City = Form.City!,
                State = Form.ParsedState!.Value,
                PostalCode = Form.PostalCode!,
            },
            IdempotencyKey = cart.CheckoutKey!,
        };
        var result = await client.PlaceOrder.ExecuteAsync(input, cancellationToken);
        // A second press of the same checkout (a double click, a refresh) can find the first press still making the
        // Razorpay order: the API answers with the same order and a retryable paymentError. The first press finishes in
        // moments, so ask again (same key: never a second order) before telling the shopper payment could not start.
        foreach (var wait in PaymentStartWaits)
        {
            if (result.Data?.PlaceOrder is not { PaymentError.Retryable: true, Errors: null or { Count: 0 } })
            {
                break;
            }

            await Task.Delay(wait, time, cancellationToken);
            result = await client.PlaceOrder.ExecuteAsync(input, cancellationToken);
        }

        if (result.Data?.PlaceOrder is not { } payload)
        {
            // No answer: the order may or may not exist. The cart and its key stay, so pressing again is safe.
            logger.LogWarning("placeOrder did not answer: {Errors}", string.Join("; ", result.Errors.Select(e => e.Code ?? e.Message)));
            Notices.Add("We could not reach the shop's order system, so we cannot tell whether your order was placed. Press Place order again: it never places a second order.");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        if (payload.Errors is { Count: > 0 } errors)
        {
            return Refused(errors);
        }

        var order = payload.Order!;
        var token = payload.OrderToken!;
        if (order.Status == OrderStatus.Cancelled)
        {
            // This cart's key already placed an order whose hold ran out unpaid. The same lines under a new cart id get a
            // new key, so pressing again places a new order (deliberately, seeing this).
            carts.Write(HttpContext, new ShopperCart(Guid.NewGuid(), 1, cart.Lines));
            Notices.Add($"Your earlier order {order.Number} for this cart was not paid in time and was cancelled. Press Place order to order again.");
            return Page();
        }

        if (payload.PaymentError is not null)
        {
            // Placed and held, but Razorpay could not be reached: the cart and its key stay, so pressing again starts the
            // payment of this same order (placeOrder answers with it), never a second order.
            PlacedOrderUrl = OrderUrl.For(token);
            Notices.Add($"Your order {order.Number} is placed and your models are held, but payment could not start just now. Press Place order again in a moment to pay: it will not place a second order.");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        carts.StartNew(HttpContext);
        return SeeOther(OrderUrl.For(token));
    }

    /// <summary>
    /// Every line sold out or went away since the cart was priced: the cart page, which then has nothing left to price,
    /// says why (the notices travel in TempData, a Data Protection-sealed cookie every instance opens).
    /// </summary>
    private StatusCodeResult BackToEmptiedCart()
    {
        TempData[CartRegistration.NoticesTempDataKey] = string.Join('\n', Notices);
        return SeeOther(CartRegistration.CartPath);
    }

    private IActionResult Refused(IReadOnlyList<IPlaceOrder_PlaceOrder_Errors> errors)
    {
        if (errors.Any(e => e is IPlaceOrder_PlaceOrder_Errors_ProductUnavailableError or IPlaceOrder_PlaceOrder_Errors_InsufficientStockError))
        {
            // Sold out (or fewer left) since the quote: the cart page says the order was not placed, prices the cart again
            // and says what changed (it may find nothing left to say if units were freed in between; the first notice stands).
            return SeeOther(CartRegistration.CartPath + "?" + CartRegistration.NotPlacedQuery);
        }

        if (errors.Any(e => e.__typename == "IdempotencyKeyReusedError"))
        {
            // This cart was ordered before with other details (an old cart cookie sent again): never a second order
            // from it; the shopper starts a new cart. Whatever else the API said about the old form no longer matters.
            carts.StartNew(HttpContext);
            Notices.Add("This cart has already been ordered. Find that order with its number and email, or add models to a new cart.");
            AlreadyOrdered = true;
            Quote = null;
            // 409: nothing the shopper typed was wrong.
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        foreach (var error in errors)
        {
            if (error is IPlaceOrder_PlaceOrder_Errors_ValidationError validation && CheckoutForm.FieldOf(validation.Path) is { } field)
            {
                // The API's words are for developers: logged; the shopper reads the storefront's for that field.
                logger.LogInformation("placeOrder refused {Field}: {Message}", field, validation.Message);
                FieldErrors.TryAdd(field, CheckoutForm.ApiRefusalMessage(field));
            }
            else
            {
                logger.LogWarning("placeOrder refused the order: {Type}: {Message}", error.__typename, error.Message);
                const string Generic = "We could not place your order as it is. Check your details and your cart, then press Place order again.";
                if (!Notices.Contains(Generic))
                {
                    Notices.Add(Generic);
                }
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The waits before asking placeOrder again while another press of this checkout starts its payment (1.75 s in all).</summary>
    private static readonly TimeSpan[] PaymentStartWaits = [TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    private enum QuoteOutcome
    {
        Ready,
        Changed,
        Emptied,
        Failed,
    }

    /// <summary>
    /// Prices <paramref name="cart"/>. Lines the API says cannot be bought as asked are fixed in the cart (reduced to
    /// what is in stock, or removed) and said, and so are prices that differ from what the shopper last saw, by the cart
    /// page's own <see cref="CartReview"/>. Either is <see cref="QuoteOutcome.Changed"/>: the shopper sees the new summary
    /// before anything is placed.
    /// </summary>
    private async Task<QuoteOutcome> QuoteAsync(ShopperCart cart, CancellationToken cancellationToken)
    {
        var quote = await FetchQuoteAsync(cart, cancellationToken);
        if (quote is null)
        {
            return QuoteOutcome.Failed;
        }

        var (reviewed, notices) = CartReview.Reconcile(cart, quote.Lines);
        if (!ReferenceEquals(reviewed, cart))
        {
            // Remember what was shown (and drop what cannot be bought), so each notice is said once.
            carts.Write(HttpContext, reviewed);
        }

        if (notices.Count == 0)
        {
            Quote = quote;
            return QuoteOutcome.Ready;
        }

        Notices.AddRange(notices);
        if (reviewed.IsEmpty)
        {
            return QuoteOutcome.Emptied;
        }

        // Lines changed: price what the cart now holds; only prices changed: the quote stands.
        Quote = reviewed.Revision == cart.Revision ? quote : await FetchQuoteAsync(reviewed, cancellationToken);
        return Quote is null ? QuoteOutcome.Failed : QuoteOutcome.Changed;
    }

    private async Task<ICheckoutPage_CheckoutQuote?> FetchQuoteAsync(ShopperCart cart, CancellationToken cancellationToken)
    {
        var result = await client.CheckoutPage.ExecuteAsync(
            [.. cart.Lines.Select(l => new PlaceOrderItemInput { ProductId = l.ProductId, Quantity = l.Quantity })], cancellationToken);
        if (result.Data?.CheckoutQuote is { } quote)
        {
            return quote;
        }

        logger.LogWarning("checkoutQuote failed: {Errors}", string.Join("; ", result.Errors.Select(e => e.Code ?? e.Message)));
        return null;
    }

    private void Prepare()
    {
        OrderPageHeaders.SetPrivate(Response);
        ViewData.SetPageMeta(new PageMeta { Title = "Checkout", NoIndex = true });
    }

    private PageResult Unavailable()
    {
        Notices.Add("Checkout is not available right now. Your cart is kept: please try again in a minute.");
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        Response.Headers.RetryAfter = "30";
        return Page();
    }

    private StatusCodeResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
