using FluentValidation;

namespace Diecast.GraphQL.Server.Mutations;

/// <summary>Rules every feature's inputs share: slugs, trimmed text, https URLs.</summary>
public static class InputRules
{
    public static IRuleBuilderOptions<T, string> Slug<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().MaximumLength(120)
        .Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("{PropertyName} must be lower-case letters, digits and single hyphens, e.g. \"autoart-pagani-zonda-r-1-18\".");

    /// <summary>
    /// One line of text a person typed (a name, a title, an address line, a reason): not empty, at most
    /// <paramref name="maximumLength"/> characters, no surrounding spaces, no control characters (a line break, tab or NUL
    /// in a name is a mistake or an attack: it breaks the mail, the label and the admin's screen it is printed on), and no
    /// bidirectional embeddings, overrides or isolates (<see cref="IsBidiControl"/>).
    /// </summary>
    public static IRuleBuilderOptions<T, string> Text<T>(this IRuleBuilder<T, string> rule, int maximumLength) => rule
        .NotEmpty().MaximumLength(maximumLength)
        .Must(text => text.Trim().Length == text.Length).WithMessage("{PropertyName} must not start or end with spaces.")
        .Must(text => !text.Any(char.IsControl)).WithMessage("{PropertyName} must not contain control characters such as line breaks or tabs.")
        .Must(text => !text.Any(IsBidiControl)).WithMessage("{PropertyName} must not contain bidirectional override characters (U+202A–U+202E, U+2066–U+2069).")
        .Must(HasVisibleCharacter).WithMessage("{PropertyName} must contain a visible character.");

    /// <summary>
    /// Whether <paramref name="text"/> shows anything: a name of zero-width spaces or joiners (format characters, Unicode
    /// category Cf) and separators alone prints as nothing on a label or a screen, so it counts as empty.
    /// </summary>
    public static bool HasVisibleCharacter(string text) =>
        text.Any(c => !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Control));

    /// <summary>
    /// The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make text read differently
    /// from what it holds, the "Trojan Source" trick (CVE-2021-42574), so names and labels refuse them.
    /// </summary>
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    public static IRuleBuilderOptions<T, string> HttpsUrl<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().MaximumLength(500)
        .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0)
        .WithMessage("{PropertyName} must be an absolute https URL.");
}
