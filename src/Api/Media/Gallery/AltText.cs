namespace Diecast.Api.Media.Gallery;

/// <summary>
/// The rule for a picture's alt text (WCAG 1.1.1, text alternatives): required, so every picture can be described to
/// someone who cannot see it; trimmed; 1 to <see cref="MediaOptions.MaxAltLength"/> characters (<c>Media__MaxAltLength</c>,
/// default 250); no control characters (a line break or NUL in an <c>alt</c> attribute is a mistake or an attack, never
/// a description) and no bidirectional embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069: they make the
/// text read differently from what it holds, the "Trojan Source" trick, CVE-2021-42574).
/// </summary>
public static class AltText
{
    /// <summary>The trimmed text, or the error (its path ends at <paramref name="field"/> of the input) saying why it is not acceptable.</summary>
    public static (string? Alt, ValidationError? Error) Check(string? alt, int maxLength, string field = "alt")
    {
        var trimmed = alt?.Trim() ?? "";
        string[] path = [MutationConventions.InputArgument, field];
        if (trimmed.Length == 0)
        {
            return (null, new ValidationError($"{field} must describe the picture: it is required and may not be blank.", path));
        }

        if (trimmed.Length > maxLength)
        {
            return (null, new ValidationError($"{field} must be at most {maxLength} characters (it has {trimmed.Length}).", path));
        }

        if (trimmed.Any(char.IsControl))
        {
            return (null, new ValidationError($"{field} must not contain control characters such as line breaks or tabs.", path));
        }

        if (trimmed.Any(InputRules.IsBidiControl))
        {
            return (null, new ValidationError($"{field} must not contain bidirectional override characters (U+202A–U+202E, U+2066–U+2069).", path));
        }

        return (trimmed, null);
    }
}
