using Diecast.Storefront.Pages.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages.Checkout;

/// <summary>
/// Where Razorpay Checkout (redirect mode) or the payment simulator posts a payment's outcome:
/// <c>POST /checkout/callback?token={orderToken}</c>. It arrives cross-site from Razorpay's domain, so no SameSite=Lax
/// cookie and no antiforgery token can come with it: the order is named by the token in the query, and this page
/// verifies nothing itself. A success (razorpay_payment_id, razorpay_order_id, razorpay_signature) goes to the API's
/// confirmPayment, which checks the signature against the Razorpay order id it stored; a failure (error[code],
/// error[description], error[metadata]…) changes nothing here (the payment.failed webhook records it). Either way the
/// answer is a 303 to the order page, which says what happened: a forged, tampered or replayed callback changes nothing.
/// </summary>
[IgnoreAntiforgeryToken]
// Cross-site by design: in production Razorpay's checkout.js posts here from Razorpay's own domain, so the shop's
// same-origin check (SameOriginPostsFilter) would refuse every real payment. What protects it is the signature:
// confirmPayment verifies razorpay_signature against the order id the API stored, so a forged post changes nothing.
[Diecast.Storefront.Cart.AllowCrossSitePosts]
public sealed class CallbackModel(IDiecastClient client, ILogger<CallbackModel> logger) : PageModel
{
    /// <summary>Razorpay's ids and signatures are tens of characters; anything far longer is not theirs.</summary>
    private const int MaxFieldLength = 200;

    /// <summary>Razorpay only ever POSTs here; a GET (a reload, a pasted link) is told so.</summary>
    public IActionResult OnGet()
    {
        Response.Headers.Allow = "POST";
        return StatusCode(StatusCodes.Status405MethodNotAllowed);
    }

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken cancellationToken)
    {
        OrderPageHeaders.SetPrivate(Response);
        if (!OrderUrl.IsTokenShaped(token))
        {
            return SeeOther("/orders/find");
        }

        var form = Request.HasFormContentType ? await Request.ReadFormAsync(cancellationToken) : null;
        string Field(string name) => form?[name].ToString() is { Length: > 0 and <= MaxFieldLength } value ? value : "";
        var paymentId = Field("razorpay_payment_id");
        var orderId = Field("razorpay_order_id");
        var signature = Field("razorpay_signature");
        if (paymentId.Length > 0 && orderId.Length > 0 && signature.Length > 0)
        {
            var result = await client.ConfirmPayment.ExecuteAsync(
                new ConfirmPaymentInput { OrderToken = token, RazorpayOrderId = orderId, RazorpayPaymentId = paymentId, RazorpaySignature = signature },
                cancellationToken);
            if (result.Data?.ConfirmPayment is { Confirmation: not null })
            {
                return SeeOther(OrderUrl.For(token!, PaymentReturn.Received));
            }

            if (result.Data?.ConfirmPayment.Errors is { Count: > 0 } errors)
            {
                // A bad signature or someone else's Razorpay order: nothing was changed. Logged by kind, never the fields.
                logger.LogWarning("A checkout callback was not confirmed: {Errors}", string.Join(", ", errors.Select(e => e.GetType().Name)));
                return SeeOther(OrderUrl.For(token!, PaymentReturn.Unconfirmed));
            }

            // The API did not answer: the payment may well be real, and the webhook or reconciliation settles it, so the
            // page confirms by reading the order until it is paid.
            logger.LogWarning("confirmPayment did not answer: {Errors}", string.Join("; ", result.Errors.Select(e => e.Code ?? e.Message)));
            return SeeOther(OrderUrl.For(token!, PaymentReturn.Received));
        }

        if (form is not null && form.Keys.Any(key => key.StartsWith("error[", StringComparison.Ordinal)))
        {
            return SeeOther(OrderUrl.For(token!, PaymentReturn.Failed));
        }

        return SeeOther(OrderUrl.For(token!));
    }

    private StatusCodeResult SeeOther(string url)
    {
        // 303: the browser follows with a GET, so reloading the order page never re-posts the callback.
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
