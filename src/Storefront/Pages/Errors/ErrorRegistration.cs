using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages.Errors;

/// <summary>
/// How errors become pages: exceptions and error statuses re-execute the request at <c>/errors/{status}</c>
/// (Errors/Index), and a page asked for with a method it has no handler for is a 405 (with Allow) rather than a 200
/// rendering or an antiforgery 400. Unknown URLs are 404 whatever the method: no endpoint matches them.
/// </summary>
public static class ErrorRegistration
{
    /// <summary>
    /// Unknown URLs, for every method: a 404 the status-code pages turn into the friendly page. Without it, a POST to an
    /// unknown path is a 405, because MapStaticAssets (when run from a build, as in tests and ./run.sh) maps a GET-only
    /// catch-all for files and routing answers 405 when the only candidate takes other methods.
    /// </summary>
    public static IEndpointRouteBuilder MapNotFoundFallback(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFallback("{**path}", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return endpoints;
    }

    public static WebApplication UseStorefrontErrors(this WebApplication app)
    {
        // In every environment, so what tests and Development see is what shoppers see. The stack trace goes to the log.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/errors/500", AllowStatusCode404Response = true });
        app.UseStatusCodePagesWithReExecute("/errors/{0}");
        app.UseRouting();
        app.Use(RefuseMethodsWithoutHandler);
        return app;
    }

    private static Task RefuseMethodsWithoutHandler(HttpContext context, RequestDelegate next)
    {
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && context.GetEndpoint() is { } matched && matched is not RouteEndpoint
            && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            // Routing's own answer (a 405, or OPTIONS' list of methods) for a path only a GET-only catch-all matched, such
            // as MapStaticAssets' file fallback: no resource lives there, so it is the unknown URL it looks like.
            context.SetEndpoint(null);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<IExceptionHandlerFeature>() is not null
            || context.GetEndpoint()?.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not { } page)
        {
            return next(context);
        }

        var allowed = page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Append("GET").Append("HEAD").Distinct().ToList();
        if (allowed.Contains(method.ToUpperInvariant()))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return Task.CompletedTask;
    }
}
