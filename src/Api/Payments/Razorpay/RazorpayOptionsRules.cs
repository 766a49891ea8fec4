using Diecast.Api.Payments.Simulator;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Payments.Razorpay;

/// <summary>
/// When the payment simulator plays Razorpay, and what a configuration must hold. Checked at start
/// (ValidateOnStart): a Production API without keys does not start, rather than fail at its first checkout.
/// </summary>
public sealed class RazorpayOptionsRules(IHostEnvironment environment) : IValidateOptions<RazorpayOptions>
{
    /// <summary>
    /// Decides <see cref="RazorpayOptions.IsSimulated"/>: <see cref="RazorpayOptions.Simulator"/> if set, otherwise on
    /// when neither key id nor key secret is configured outside Production. Then fills the keys and the webhook secret
    /// not configured with this process's generated ones, so every reader of the options (client, signature checks,
    /// webhook endpoint) agrees with the simulator.
    /// </summary>
    public static void Resolve(RazorpayOptions options, IHostEnvironment environment, SimulatorCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(credentials);
        var noKeys = string.IsNullOrEmpty(options.KeyId) && string.IsNullOrEmpty(options.KeySecret);
        options.IsSimulated = !environment.IsProduction() && (options.Simulator ?? noKeys);
        if (options.IsSimulated)
        {
            options.KeyId = NonEmpty(options.KeyId) ?? credentials.KeyId;
            options.KeySecret = NonEmpty(options.KeySecret) ?? credentials.KeySecret;
            options.WebhookSecret = NonEmpty(options.WebhookSecret) ?? credentials.WebhookSecret;
        }

        if (!options.BaseUrl.OriginalString.EndsWith('/'))
        {
            // Relative paths (orders, payments/{id}) resolve under /v1/ only when it ends in a slash.
            options.BaseUrl = new Uri(options.BaseUrl.OriginalString + "/");
        }
    }

    public ValidateOptionsResult Validate(string? name, RazorpayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (environment.IsProduction() && options.Simulator == true)
        {
            failures.Add($"The payment simulator never runs in Production: remove {RazorpayOptions.Section}__Simulator.");
        }

        if (!options.IsSimulated)
        {
            var missing = new[] { (nameof(options.KeyId), options.KeyId), (nameof(options.KeySecret), options.KeySecret), (nameof(options.WebhookSecret), options.WebhookSecret) }
                .Where(setting => string.IsNullOrEmpty(setting.Item2)).Select(setting => $"{RazorpayOptions.Section}__{setting.Item1}").ToList();
            if (missing.Count > 0)
            {
                failures.Add(environment.IsProduction()
                    ? $"Payments need Razorpay keys in Production: set {string.Join(", ", missing)} (Dashboard → Account & Settings → API Keys and Webhooks). The payment simulator runs only outside Production."
                    : $"Razorpay is half configured: set {string.Join(", ", missing)}, or none of the keys to use the payment simulator.");
            }
        }

        if (!options.BaseUrl.IsAbsoluteUri || options.BaseUrl.Scheme is not ("https" or "http"))
        {
            failures.Add($"{RazorpayOptions.Section}__BaseUrl must be an absolute http(s) address, such as https://api.razorpay.com/v1/.");
        }
        else if (environment.IsProduction() && options.BaseUrl.Scheme == "http" && !options.BaseUrl.IsLoopback)
        {
            failures.Add($"{RazorpayOptions.Section}__BaseUrl must use https in Production: the key secret travels in its Authorization header.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add($"{RazorpayOptions.Section}__AttemptTimeout must be positive and at most {RazorpayOptions.Section}__TotalTimeout.");
        }

        if (options.MaxRetries is < 0 or > 10 || options.RetryDelay < TimeSpan.Zero)
        {
            failures.Add($"{RazorpayOptions.Section}__MaxRetries must be 0 to 10 and {RazorpayOptions.Section}__RetryDelay not negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
