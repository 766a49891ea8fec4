namespace Diecast.Api.Payments.Razorpay;

/// <summary>
/// The "Razorpay" configuration section (env vars <c>Razorpay__KeyId</c> and so on). Keys and secrets come from the
/// environment, never from committed files; test and live keys are separate (razorpay.md §1). Without keys outside
/// Production the API plays Razorpay itself (the payment simulator) and fills these with generated values; Production
/// refuses to start without them.
/// </summary>
public sealed class RazorpayOptions
{
    public const string Section = "Razorpay";

    /// <summary>The API key id (rzp_test_… or rzp_live_…): the Basic-auth user, and the one value the browser may see.</summary>
    public string? KeyId { get; set; }

    /// <summary>The API key secret: the Basic-auth password, and the key of the checkout signature. Never logged or returned.</summary>
    public string? KeySecret { get; set; }

    /// <summary>The webhook secret chosen in the Dashboard (not the key secret): the key of X-Razorpay-Signature.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The webhook secret before a rotation, accepted beside the current one until retries of older events end (24 h).</summary>
    public string? PreviousWebhookSecret { get; set; }

    /// <summary>Razorpay's API root, ending in /v1/. Only the tests' fake Razorpay or the simulator changes it.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.razorpay.com/v1/");

    /// <summary>How long one HTTP attempt may take before it is abandoned (and, for a safe call, retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one client call may take in all, retries and their waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt, for calls that are safe to repeat (never POST /v1/orders).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's wait; later ones grow exponentially, with jitter. A 429's Retry-After wins when present.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether the API plays Razorpay itself (the payment simulator). Unset: on when no key id is configured outside
    /// Production. Never in Production.
    /// </summary>
    public bool? Simulator { get; set; }

    /// <summary>Set at start when the simulator is on (keys and secrets are then generated for this process).</summary>
    public bool IsSimulated { get; set; }

    /// <summary>The webhook secrets accepted now: the current one and the previous one, those set.</summary>
    public IReadOnlyList<string> WebhookSecrets =>
        [.. new[] { WebhookSecret, PreviousWebhookSecret }.Where(secret => !string.IsNullOrEmpty(secret)).Select(secret => secret!)];
}
