using System.Globalization;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Resources;

namespace Diecast.GraphQL.Server.Mutations;

/// <summary>
/// The base of every mutation input's validator: its messages speak the schema's language, naming input fields as
/// the schema does (<c>stockQuantity</c>, not FluentValidation's "'Stock Quantity'") and reading like our own messages
/// ("stockQuantity must be between 0 and 1000000."), in English whatever the server's culture.
/// </summary>
public abstract class InputValidator<T> : AbstractValidator<T>
{
    static InputValidator()
    {
        // FluentValidation's options are process-wide; every validator of ours sets the same ones.
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : SchemaNames.InputField(member.Name);
        ValidatorOptions.Global.LanguageManager = new SchemaLanguageManager();
        ValidatorOptions.Global.MessageFormatterFactory = () => new ItemIndexFormatter();
    }

    /// <summary>A list item's rule names the item, "images[1] must …", as its error's path does, not the whole list.</summary>
    private sealed class ItemIndexFormatter : MessageFormatter
    {
        public override string BuildMessage(string messageTemplate)
        {
            if (PlaceholderValues.TryGetValue("CollectionIndex", out var index) && PlaceholderValues.TryGetValue(PropertyName, out var name))
            {
                PlaceholderValues[PropertyName] = $"{name}[{index}]";
            }

            return base.BuildMessage(messageTemplate);
        }
    }

    /// <summary>
    /// FluentValidation's built-in messages, reworded; the keys are its validators' names. One language whatever the
    /// request's culture (the API runs with invariant globalization), and a rule without a message here still reads
    /// like the rest.
    /// </summary>
    private sealed class SchemaLanguageManager : ILanguageManager
    {
        private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
        {
            ["NotNullValidator"] = "{PropertyName} must be given.",
            ["NotEmptyValidator"] = "{PropertyName} must not be empty.",
            ["EmptyValidator"] = "{PropertyName} must be empty.",
            ["MaximumLengthValidator"] = "{PropertyName} must be at most {MaxLength} characters long.",
            ["MinimumLengthValidator"] = "{PropertyName} must be at least {MinLength} characters long.",
            ["LengthValidator"] = "{PropertyName} must be {MinLength} to {MaxLength} characters long.",
            ["ExactLengthValidator"] = "{PropertyName} must be {MaxLength} characters long.",
            ["InclusiveBetweenValidator"] = "{PropertyName} must be between {From} and {To}.",
            ["ExclusiveBetweenValidator"] = "{PropertyName} must be more than {From} and less than {To}.",
            ["EqualValidator"] = "{PropertyName} must be {ComparisonValue}.",
            ["NotEqualValidator"] = "{PropertyName} must not be {ComparisonValue}.",
            ["GreaterThanValidator"] = "{PropertyName} must be more than {ComparisonValue}.",
            ["GreaterThanOrEqualValidator"] = "{PropertyName} must be at least {ComparisonValue}.",
            ["LessThanValidator"] = "{PropertyName} must be less than {ComparisonValue}.",
            ["LessThanOrEqualValidator"] = "{PropertyName} must be at most {ComparisonValue}.",
            ["RegularExpressionValidator"] = "{PropertyName} must be in the expected format.",
            ["EmailValidator"] = "{PropertyName} must be an email address.",
            ["EnumValidator"] = "{PropertyName} must be one of the schema's values.",
            ["StringEnumValidator"] = "{PropertyName} must be one of the schema's values.",
            ["ScalePrecisionValidator"] = "{PropertyName} must have at most {ExpectedPrecision} digits, {ExpectedScale} of them after the point.",
        };

        public bool Enabled { get; set; } = true;

        public CultureInfo Culture { get; set; } = CultureInfo.InvariantCulture;

        public string GetString(string key, CultureInfo? culture = null) =>
            Messages.TryGetValue(key, out var message) ? message : "{PropertyName} must be valid.";
    }
}
