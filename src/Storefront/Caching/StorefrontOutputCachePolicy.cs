using Diecast.Storefront.ApiResilience;
using Diecast.Storefront.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Diecast.Storefront.Caching;

/// <summary>
/// The one output-cache policy (a base policy, so pages need no attribute): a page listed in <see cref="StorefrontPages"/>
/// is cached by its path and the normalised query keys it reads, under its tags, for the TTL. Stored only when it is a
/// 200 made without an API failure and without a cookie; a request with credentials or a handler name is never cached.
/// </summary>
public sealed class StorefrontOutputCachePolicy(IOptionsMonitor<StorefrontCacheOptions> options) : IOutputCachePolicy
{
    public const string VaryByQuery = "query";

    /// <summary>The key part that keeps a page's br, gzip and uncompressed copies apart (see PageCompression).</summary>
    public const string VaryByEncoding = "encoding";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var settings = options.CurrentValue;
        var page = StorefrontPages.For(http);
        var query = page is { OutputCached: true } ? CacheKeyQuery.Normalize(request.Query, page.QueryKeys) : null;
        if (!settings.Enabled
            || page is null
            || query is null
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || request.Headers.Authorization.Count > 0
            // Razor Pages picks a handler method by ?handler=: an entry per value would be junk, so such requests pass by.
            || request.Query.ContainsKey("handler"))
        {
            context.EnableOutputCaching = false;
            return ValueTask.CompletedTask;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        // Concurrent misses for one key wait for the first to fill it: a cold page costs the API one call, not one per shopper.
        context.AllowLocking = true;
        context.CacheVaryByRules.VaryByValues[VaryByQuery] = query;
        context.CacheVaryByRules.VaryByValues[VaryByEncoding] = PageCompression.EncodingOf(http);
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(page.Lifetime == PageLifetime.Content ? settings.ContentTtlSeconds : settings.TtlSeconds);
        context.Tags.Add(CacheTags.All);
        foreach (var tag in page.Tags(http))
        {
            context.Tags.Add(tag);
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.SetCookie.Count > 0
            || ApiFailures.Occurred(context.HttpContext))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
