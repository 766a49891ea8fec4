namespace Diecast.Storefront.ApiResilience;

/// <summary>
/// Whether an API call made for this request failed (no answer in time, a refused connection, an open circuit, a non-2xx
/// status). Pages degrade as they see fit with their results' errors; caching reads this so that a degraded page is
/// never cached, and a page that cannot stand without the API says 503.
/// </summary>
public static class ApiFailures
{
    private static readonly object Key = new();

    public static void Record(HttpContext context) => context.Items[Key] = true;

    public static bool Occurred(HttpContext context) => context.Items.ContainsKey(Key);
}
