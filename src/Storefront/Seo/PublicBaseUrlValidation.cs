using Microsoft.Extensions.Options;

namespace Diecast.Storefront.Seo;

/// <summary>
/// <c>Storefront__PublicBaseUrl</c> is required outside Development: without it canonical URLs, Open Graph, JSON-LD,
/// sitemap.xml and robots.txt take their origin from the request's Host header, which any client chooses (a forged
/// host puts its own origin into what search engines read, and a random one skips the output cache). In Development the
/// request's origin is what a developer wants (localhost on any port).
/// </summary>
public sealed class PublicBaseUrlValidation(IHostEnvironment environment) : IValidateOptions<StorefrontOptions>
{
    public ValidateOptionsResult Validate(string? name, StorefrontOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PublicBaseUrl switch
        {
            null when environment.IsDevelopment() => ValidateOptionsResult.Success,
            null => ValidateOptionsResult.Fail(
                "Storefront__PublicBaseUrl is not set: outside Development the shop's public origin (e.g. https://diecast.in) is required for canonical URLs, Open Graph, JSON-LD, sitemap.xml and robots.txt."),
            { IsAbsoluteUri: true, Scheme: "https" or "http" } url when string.IsNullOrEmpty(url.UserInfo) => ValidateOptionsResult.Success,
            var url => ValidateOptionsResult.Fail(
                $"Storefront__PublicBaseUrl must be an absolute http or https origin such as https://diecast.in, not \"{url.OriginalString}\"."),
        };
    }
}

/// <summary>What stops the storefront from starting, read before the host starts (as the API's ConfigurationProblems does).</summary>
public static class StartupProblems
{
    /// <summary>One message per setting that <c>ValidateOnStart</c> would refuse; empty when the storefront may start.</summary>
    public static IReadOnlyList<string> Of(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException failure)
        {
            return [.. failure.Failures.Distinct(StringComparer.Ordinal)];
        }
        catch (AggregateException failures) when (failures.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return [.. failures.InnerExceptions.Cast<OptionsValidationException>().SelectMany(f => f.Failures).Distinct(StringComparer.Ordinal)];
        }
        catch (InvalidOperationException binding) when (binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // A value the binder cannot read at all (not a URI, not a number): its message names the setting.
            return [binding.Message];
        }
    }
}
