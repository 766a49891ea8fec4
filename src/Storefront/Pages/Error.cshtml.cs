using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "Please try again in a moment.";

    public void OnGet(int? status)
    {
        if (status == StatusCodes.Status404NotFound)
        {
            Title = "Page not found";
            Message = "We could not find that page. It may have moved, or the model may have been retired.";
        }

        if (status is { } code)
        {
            Response.StatusCode = code;
        }
    }
}
