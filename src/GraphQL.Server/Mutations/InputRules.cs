using FluentValidation;

namespace Diecast.GraphQL.Server.Mutations;

/// <summary>Rules every feature's inputs share: slugs, trimmed text, https URLs.</summary>
public static class InputRules
{
    public static IRuleBuilderOptions<T, string> Slug<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().MaximumLength(120)
        .Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("{PropertyName} must be lower-case letters, digits and single hyphens, e.g. \"autoart-pagani-zonda-r-1-18\".");

    public static IRuleBuilderOptions<T, string> Text<T>(this IRuleBuilder<T, string> rule, int maximumLength) => rule
        .NotEmpty().MaximumLength(maximumLength)
        .Must(text => text.Trim().Length == text.Length).WithMessage("{PropertyName} must not start or end with spaces.");

    public static IRuleBuilderOptions<T, string> HttpsUrl<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().MaximumLength(500)
        .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0)
        .WithMessage("{PropertyName} must be an absolute https URL.");
}
