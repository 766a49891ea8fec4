using Diecast.Storefront.Compression;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Diecast.Storefront.Caching;

public static class StorefrontCaching
{
    /// <summary>Output caching by page (<see cref="StorefrontPages"/>), its eviction from the API's event stream, Cache-Control.</summary>
    public static WebApplicationBuilder AddStorefrontCaching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Static assets' compressed copies (br, gzip) are made at build into obj/, and only a published app has them beside
        // the others: run from the build output outside Development (the tests' hosts, the benchmark), MapStaticAssets
        // would answer a browser's Accept-Encoding with an empty 200. The build's manifest says where they are; a
        // published app has no such manifest, and this does nothing there.
        builder.WebHost.UseStaticWebAssets();
        if (builder.Configuration["ReloadStaticAssetsAtRuntime"] is null)
        {
            // Served from the build's manifest, MapStaticAssets would switch on its development "runtime patching": an
            // asset whose file differs from the manifest (the Tailwind stylesheet is rewritten by a later build; the check
            // compares timestamps the manifest keeps to the second) is re-compressed on the fly as gzip but still labelled
            // with the endpoint's Content-Encoding, so a browser asking for br gets ERR_CONTENT_DECODING_FAILED and an
            // unstyled page. Off, assets are served as the manifest describes them, with their published headers
            // (fingerprinted: one year, immutable), as a published app serves them.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ReloadStaticAssetsAtRuntime"] = "false" });
        }

        services.AddOptions<StorefrontCacheOptions>().BindConfiguration(StorefrontCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        var settings = builder.Configuration.GetSection(StorefrontCacheOptions.Section).Get<StorefrontCacheOptions>() ?? new();
        services.AddOutputCache(options =>
        {
            // Bounded: least recently used entries go when it is full, so junk keys cannot grow it (and the keys have
            // little room for junk: only the query parameters a page reads, normalised; see CacheKeyQuery).
            options.SizeLimit = settings.SizeLimitBytes;
            options.MaximumBodySize = 1024 * 1024;
            // Slugs are case-sensitive (/cars/AUTOART-… is a 404, not /cars/autoart-…'s page from the cache).
            options.UseCaseSensitivePaths = true;
            // Without the default policy: it varies by every query parameter ("*"), which is what CacheKeyQuery avoids.
            options.AddBasePolicy(builder => builder.AddPolicy<StorefrontOutputCachePolicy>(), excludeDefaultPolicy: true);
        });
        builder.AddPageCompression();
        services.AddSingleton<CacheEvictions>();
        services.AddHttpClient(CacheEvictionSubscriber.HttpClientName);
        services.AddHostedService<CacheEvictionSubscriber>();
        return builder;
    }

    /// <summary>After the status-code pages (their re-execution goes through here too), before the endpoints.</summary>
    public static WebApplication UseStorefrontCaching(this WebApplication app)
    {
        app.UseMiddleware<CacheHeaders>();
        app.UseOutputCache();
        // Inside the output cache, so pages are stored compressed (one entry per encoding) and a hit costs no compression.
        app.UsePageCompression();
        return app;
    }
}
