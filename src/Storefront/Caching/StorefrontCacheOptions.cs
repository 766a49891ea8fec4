using System.ComponentModel.DataAnnotations;

namespace Diecast.Storefront.Caching;

/// <summary>The "StorefrontCache" configuration section (environment variables <c>StorefrontCache__TtlSeconds</c> etc.).</summary>
public sealed class StorefrontCacheOptions
{
    public const string Section = "StorefrontCache";

    /// <summary>Output-cache pages at all (the TTFB benchmark's uncached instance switches it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a page stays in this instance's output cache at most: the backstop behind eviction, and how long cached
    /// pages keep being served while the API is down.
    /// </summary>
    [Range(1, 86_400)]
    public int TtlSeconds { get; set; } = 600;

    /// <summary>How long content pages (about, terms…) stay cached: they change only with a deployment.</summary>
    [Range(1, 604_800)]
    public int ContentTtlSeconds { get; set; } = 86_400;

    /// <summary>The most memory the output cache uses (all entries, in bytes); least recently used entries go first.</summary>
    [Range(1024 * 1024, 4L * 1024 * 1024 * 1024)]
    public long SizeLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Cache-Control <c>s-maxage</c> of a page, for a CDN in front: add it to the eviction bound there.</summary>
    [Range(0, 86_400)]
    public int SharedMaxAgeSeconds { get; set; } = 30;

    /// <summary>Cache-Control <c>stale-while-revalidate</c>: how long a CDN may serve a page while it fetches a fresh one.</summary>
    [Range(0, 86_400)]
    public int StaleWhileRevalidateSeconds { get; set; } = 60;

    /// <summary>Cache-Control <c>stale-if-error</c>: how long a CDN may serve a page while the storefront fails.</summary>
    [Range(0, 604_800)]
    public int StaleIfErrorSeconds { get; set; } = 86_400;

    /// <summary>Cache-Control max-age and s-maxage of a 404 page: short, since a missing product may be added soon.</summary>
    [Range(0, 3600)]
    public int NotFoundMaxAgeSeconds { get; set; } = 60;

    /// <summary>The Retry-After of a page answered 503 because the API failed.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>The API's event stream; unset: <c>/api/storefront/events</c> on the origin of <c>DiecastApi__Endpoint</c>.</summary>
    public Uri? EventsUrl { get; set; }

    /// <summary>The secret the API's <c>StorefrontEvents__Secret</c> is set to. Unset: no eviction, pages live their TTL (a warning at start).</summary>
    public string? EventsSecret { get; set; }

    /// <summary>A stream silent this long (the API sends a comment every 15 s) is taken for dead and reopened.</summary>
    [Range(1, 3600)]
    public int EventsIdleTimeoutSeconds { get; set; } = 45;

    /// <summary>The longest wait between two attempts to reopen the stream (waits start at 1 s and double).</summary>
    [Range(1, 3600)]
    public int EventsMaxBackoffSeconds { get; set; } = 10;
}
