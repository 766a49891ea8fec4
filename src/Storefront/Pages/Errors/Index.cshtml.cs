using Diecast.Storefront.Seo;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages.Errors;

/// <summary>
/// The friendly page for every error response: a 4xx from the status-code pages and a 500 from the exception handler,
/// both re-executing the request here (ErrorRegistration). The status is the one the storefront already set; nothing
/// in the request can choose it. Asked for directly (there is no such page for a client), it answers as the unknown
/// URL it is: 404.
/// </summary>
[IgnoreAntiforgeryToken]
// Reached only by re-executing a failed request, whatever site it came from (a cross-site POST to an unknown URL is still
// a 404 page), and it changes nothing.
[Diecast.Storefront.Cart.AllowCrossSitePosts]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel : PageModel
{
    public int Status { get; private set; }

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    /// <summary>Every method lands here when re-executed (a POST to an unknown URL, say): one handler for all.</summary>
    public void OnGet() => Describe();

    public void OnPost() => Describe();

    public void OnPut() => Describe();

    public void OnDelete() => Describe();

    public void OnPatch() => Describe();

    public void OnOptions() => Describe();

    private void Describe()
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        if (!reExecuted)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        Status = Response.StatusCode;
        (Title, Message) = Status switch
        {
            404 or 410 => ("Page not found",
                "We could not find that page. It may have moved, or the model may have been retired."),
            405 => ("That can't be done here", "This page can only be viewed."),
            >= 400 and < 500 => ("We could not handle that request", "Please check the address, or start again from the shop."),
            _ => ("Something went wrong", "Sorry, something broke on our side. Please try again in a moment."),
        };
        ViewData.SetPageMeta(new PageMeta { Title = Title, Description = Message, NoIndex = true });
    }
}
