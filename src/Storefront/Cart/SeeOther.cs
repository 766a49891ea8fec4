using Microsoft.AspNetCore.Mvc;

namespace Diecast.Storefront.Cart;

/// <summary>
/// 303 See Other to <paramref name="location"/> (a local path): after a POST the browser follows with a GET, so
/// refreshing the page it lands on never posts again (Post/Redirect/Get). Works from endpoints and page handlers alike.
/// </summary>
public sealed class SeeOther(string location) : IResult, IActionResult
{
    public string Location => location;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = location;
        httpContext.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context?.HttpContext ?? throw new ArgumentNullException(nameof(context)));
}
