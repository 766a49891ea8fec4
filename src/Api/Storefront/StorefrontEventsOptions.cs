using System.ComponentModel.DataAnnotations;

namespace Diecast.Api.Storefront;

/// <summary>The "StorefrontEvents" configuration section (environment variables <c>StorefrontEvents__Secret</c> etc.).</summary>
public sealed class StorefrontEventsOptions
{
    public const string Section = "StorefrontEvents";

    /// <summary>
    /// The shared secret storefronts send as <c>Authorization: Bearer …</c> to subscribe. Unset: the stream is off (404).
    /// Events name only what changed (a product's slug, "the journal"), but the stream is a long-lived connection per
    /// subscriber: the public may not hold them open.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How often an idle stream sends a comment, so a storefront can tell a quiet stream from a dead one.</summary>
    [Range(1, 300)]
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>Most streams one instance serves at once (one per storefront instance); more get 503.</summary>
    [Range(1, 10_000)]
    public int MaxSubscribers { get; set; } = 64;

    /// <summary>How long a new subscriber waits for this instance to be listening to PostgreSQL before it gets 503.</summary>
    [Range(1, 120)]
    public int ListenWaitSeconds { get; set; } = 10;
}
