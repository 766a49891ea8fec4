using System.Globalization;
using System.Text.RegularExpressions;
using Diecast.Storefront.Pages.Orders;

namespace Diecast.Storefront.Pages.Checkout;

/// <summary>
/// The checkout form's fields as posted (names <c>Name</c>, <c>Email</c>, <c>Phone</c>, <c>Line1</c>, <c>Line2</c>,
/// <c>City</c>, <c>State</c> (the API's IndianState value, e.g. MAHARASHTRA), <c>PostalCode</c>) and the storefront's
/// own checks, which give clear messages before the API is asked. The API's rules (placeOrder's ValidationError) stay
/// the authority: <see cref="FieldOf"/> maps its paths onto the same fields.
/// </summary>
public sealed partial class CheckoutForm
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? PostalCode { get; set; }

    /// <summary>States and union territories as the select lists them: (API value, name), in the schema's order.</summary>
    public static IReadOnlyList<(string Value, string Label)> States { get; } =
        [.. Enum.GetValues<IndianState>().Select(s => (OrderView.ApiName(s), Label(s))).OrderBy(s => s.Item2, StringComparer.Ordinal)];

    /// <summary>The state posted, or null when it is not one of the API's values.</summary>
    public IndianState? ParsedState =>
        Enum.GetValues<IndianState>().Cast<IndianState?>().FirstOrDefault(s => OrderView.ApiName(s!.Value) == State);

    /// <summary>The storefront's checks: field name → message. Empty when the form may go to the API.</summary>
    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        Trim();
        RequireText(errors, nameof(Name), Name, 120, "Enter your full name.");
        if (Require(errors, nameof(Email), Email, 254, "Enter your email: we send the order confirmation there.") && !EmailPattern().IsMatch(Email!))
        {
            errors[nameof(Email)] = "Enter an email address like name@example.com.";
        }

        if (Require(errors, nameof(Phone), Phone, 20, "Enter a mobile number, for the courier.") && !PhonePattern().IsMatch(Phone!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)))
        {
            errors[nameof(Phone)] = "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9 (e.g. 98765 43210).";
        }

        RequireText(errors, nameof(Line1), Line1, 200, "Enter the house number and street.");
        if (Line2 is { Length: > 200 })
        {
            errors[nameof(Line2)] = "Keep this line to 200 characters.";
        }
        else if (Line2 is not null && TextProblem(Line2, "Enter an area or landmark, or leave this empty.") is { } problem)
        {
            errors[nameof(Line2)] = problem;
        }

        RequireText(errors, nameof(City), City, 100, "Enter the city or town.");
        if (ParsedState is null)
        {
            errors[nameof(State)] = "Choose the state or union territory.";
        }

        if (Require(errors, nameof(PostalCode), PostalCode, 7, "Enter the 6-digit PIN code.") && !PinPattern().IsMatch(PostalCode!))
        {
            errors[nameof(PostalCode)] = "Enter a 6-digit PIN code that does not start with 0 (e.g. 400001).";
        }

        return errors;
    }

    /// <summary>
    /// What a shopper reads beside <paramref name="field"/> when the API refused its value for a reason the storefront did
    /// not check first. The API's ValidationError carries a path but no code, and its message is written for developers
    /// ("name must not contain control characters…"): it goes to the log, never to the page. Every kind of refusal the
    /// API has for these fields is checked here first (<see cref="Validate"/>, in shopper words), so this is the
    /// fallback for a rule the API gains later.
    /// </summary>
    public static string ApiRefusalMessage(string field) => field switch
    {
        nameof(Email) => "Enter an email address like name@example.com.",
        nameof(Phone) => "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9 (e.g. 98765 43210).",
        nameof(PostalCode) => "Enter a 6-digit PIN code that does not start with 0 (e.g. 400001).",
        nameof(State) => "Choose the state or union territory.",
        _ => "We could not accept this as typed. Please type it again using letters, numbers and ordinary punctuation.",
    };

    /// <summary>
    /// The form field a placeOrder ValidationError path names (["input","customer","email"] → Email), or null for a path
    /// about something else (the lines, the idempotency key).
    /// </summary>
    public static string? FieldOf(IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Count < 3 || path[0] != "input")
        {
            return null;
        }

        return (path[1], path[2]) switch
        {
            ("customer", "name") => nameof(Name),
            ("customer", "email") => nameof(Email),
            ("customer", "phone") => nameof(Phone),
            ("shippingAddress", "line1") => nameof(Line1),
            ("shippingAddress", "line2") => nameof(Line2),
            ("shippingAddress", "city") => nameof(City),
            ("shippingAddress", "state") => nameof(State),
            ("shippingAddress", "postalCode") => nameof(PostalCode),
            _ => null,
        };
    }

    private void Trim()
    {
        Name = Name?.Trim();
        Email = Email?.Trim();
        Phone = Phone?.Trim();
        Line1 = Line1?.Trim();
        Line2 = string.IsNullOrWhiteSpace(Line2) ? null : Line2.Trim();
        City = City?.Trim();
        State = State?.Trim();
        PostalCode = PostalCode?.Trim();
    }

    /// <summary>
    /// <see cref="Require"/>, then the API's rules for one line of typed text (GraphQL.Server's <c>InputRules.Text</c>), in
    /// a shopper's words: no line breaks, tabs or other control characters; no bidirectional override characters (they
    /// make text read differently from what it holds); and something visible (zero-width spaces alone are empty).
    /// </summary>
    private static void RequireText(Dictionary<string, string> errors, string field, string? value, int maxLength, string missing)
    {
        if (Require(errors, field, value, maxLength, missing) && TextProblem(value!, missing) is { } problem)
        {
            errors[field] = problem;
        }
    }

    /// <summary>What is wrong with <paramref name="text"/> as one line of typed text, or null; <paramref name="invisible"/> when nothing in it shows.</summary>
    private static string? TextProblem(string text, string invisible)
    {
        if (text.Any(char.IsControl))
        {
            return "Type this on one line, without line breaks or tabs.";
        }

        if (text.Any(c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'))
        {
            return "This has hidden text-direction characters in it (they can come along when text is pasted). Please type it again.";
        }

        return text.Any(c => !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.Control))
            ? null
            : invisible;
    }

    private static bool Require(Dictionary<string, string> errors, string field, string? value, int maxLength, string missing)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors[field] = missing;
            return false;
        }

        if (value.Length > maxLength)
        {
            errors[field] = string.Create(CultureInfo.InvariantCulture, $"Keep this to {maxLength} characters.");
            return false;
        }

        return true;
    }

    /// <summary>TAMIL_NADU → "Tamil Nadu", JAMMU_AND_KASHMIR → "Jammu and Kashmir".</summary>
    private static string Label(IndianState state) =>
        string.Join(' ', OrderView.ApiName(state).Split('_').Select(word => word == "AND" ? "and" : word[..1] + word[1..].ToLowerInvariant()));

    /// <summary>
    /// The API's rule (placeOrder's validator): one @, at most 64 characters before it, no spaces, control or text-direction
    /// characters, and a dotted domain of ASCII letters, digits and hyphens (what a shop can mail).
    /// </summary>
    [GeneratedRegex(@"^[^@\s\p{Cc}\u202A-\u202E\u2066-\u2069]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    /// <summary>The API's rule: 10 ASCII digits starting with 6–9, optionally after +91, 91 or 0 (spaces and hyphens removed first).</summary>
    [GeneratedRegex("^(?:\\+91|91|0)?[6-9][0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[1-9][0-9]{2} ?[0-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex PinPattern();
}
