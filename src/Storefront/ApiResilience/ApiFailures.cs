namespace Diecast.Storefront.ApiResilience;

/// <summary>
/// What went wrong with this request's API calls. <see cref="Unavailable"/>: the API could not answer (no answer in
/// time, a refused connection, an open circuit, a 5xx, 408 or 429): a page that cannot stand without it says 503.
/// <see cref="Occurred"/>: that, or an answer with GraphQL errors (a partial result, or a request error the page may
/// have handled, such as a cursor from another sort): the page is not cached, here or anywhere.
/// </summary>
public static class ApiFailures
{
    private static readonly object ErrorsKey = new();
    private static readonly object UnavailableKey = new();

    public static void RecordErrors(HttpContext context) => context.Items[ErrorsKey] = true;

    public static void RecordUnavailable(HttpContext context) => context.Items[UnavailableKey] = true;

    public static bool Occurred(HttpContext context) => context.Items.ContainsKey(ErrorsKey) || Unavailable(context);

    public static bool Unavailable(HttpContext context) => context.Items.ContainsKey(UnavailableKey);
}
