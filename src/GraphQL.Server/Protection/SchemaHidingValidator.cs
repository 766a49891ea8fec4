using System.Text.RegularExpressions;
using GraphQL.Validation;
using GraphQL.Validation.Errors;

namespace Diecast.GraphQL.Server.Protection;

/// <summary>
/// For callers who may not introspect (<see cref="IntrospectionAccessRule.MayIntrospect"/>), validation errors name
/// only what the request itself wrote. GraphQL.NET's messages suggest fields, arguments and types ("Did you mean
/// 'stockQuantity'?"), list the required fields an input left out, and name the types a position expects: together
/// they rebuild the schema that turning introspection off was meant to keep private. Each such error keeps its code,
/// number and locations, with a message that points at the mistake without the schema's names.
/// </summary>
public sealed partial class SchemaHidingValidator(IDocumentValidator inner, IOptions<GraphQLProtectionOptions> protection, IPrivilegedCallers privileged) : IDocumentValidator
{
    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        var validation = inner.ValidateAsync(options);
        // A valid document (the usual case) has nothing to hide, so it needs no second await.
        return (validation.IsCompletedSuccessfully && validation.Result.IsValid) || IntrospectionAccessRule.MayIntrospect(protection.Value, privileged, options.User)
            ? validation
            : HideAsync(validation);
    }

    private static async Task<IValidationResult> HideAsync(Task<IValidationResult> validation)
    {
        var result = await validation.ConfigureAwait(false);
        if (result.IsValid)
        {
            return result;
        }

        var hidden = new ValidationResult { Variables = result.Variables, ArgumentValues = result.ArgumentValues, DirectiveValues = result.DirectiveValues };
        foreach (var error in result.Errors)
        {
            hidden.Errors.Add(error is ValidationError validationError && Hide(validationError) is { } message
                ? new SchemaHiddenError(validationError, message)
                : error);
        }

        return hidden;
    }

    /// <summary>The message without schema names the request did not contain; null when the message has none.</summary>
    internal static string? Hide(ValidationError error) => error switch
    {
        FieldsOnCorrectTypeError => Node<GraphQLField>(error) is { } field
            ? $"Cannot query field '{field.Name.StringValue}' on this type."
            : "Cannot query this field here.",
        KnownArgumentNamesError => Node<GraphQLArgument>(error) is { } argument
            ? $"Unknown argument '{argument.Name.StringValue}'."
            : "Unknown argument.",
        KnownTypeNamesError => Node<GraphQLNamedType>(error) is { } type
            ? $"Unknown type '{type.Name.StringValue}'."
            : "Unknown type.",
        ProvidedNonNullArgumentsError => error.Nodes.FirstOrDefault() switch
        {
            GraphQLField field => $"Field '{field.Name.StringValue}' is missing a required argument.",
            GraphQLDirective directive => $"Directive '{directive.Name.StringValue}' is missing a required argument.",
            _ => "A required argument is missing.",
        },
        ArgumentsOfCorrectTypeError => Node<GraphQLArgument>(error) is { } argument
            ? $"Argument '{argument.Name.StringValue}' has invalid value."
            : "An argument has invalid value.",
        DefaultValuesOfCorrectTypeError => DefaultValueVariable().Match(error.Message) is { Success: true } match
            ? $"Variable '${match.Groups["name"].Value}' has an invalid default value."
            : "A variable has an invalid default value.",
        InvalidVariableError => Node<GraphQLVariableDefinition>(error) is { } variable
            ? $"Variable '${variable.Variable.Name.StringValue}' is invalid."
            : "A variable is invalid.",
        // "Invalid value for argument 'a' of field 'f'." names what was written; the explanation after it may not.
        InvalidValueError or InvalidLiteralError => FirstSentence().Match(error.Message) is { Success: true } match
            ? match.Value
            : "Invalid value.",
        VariablesInAllowedPositionError => VariablePosition().Match(error.Message) is { Success: true } match
            ? $"Variable '${match.Groups["name"].Value}' of type '{match.Groups["type"].Value}' cannot be used in this position."
            : "A variable cannot be used in this position.",
        ScalarLeafsError => error.Nodes.FirstOrDefault() is GraphQLField field
            ? $"Field '{field.Name.StringValue}' must have a sub selection."
            : SelectedField().Match(error.Message) is { Success: true } match
                ? $"Field '{match.Groups["name"].Value}' must not have a sub selection."
                : "This field must not have a sub selection.",
        OverlappingFieldsCanBeMergedError => ConflictingResponseName().Match(error.Message) is { Success: true } match
            ? $"Fields '{match.Groups["name"].Value}' conflict: the same response name selects different fields, arguments or types. Use different aliases on the fields to fetch both if this was intentional."
            : "Fields conflict: the same response name selects different fields, arguments or types.",
        PossibleFragmentSpreadsError => error.Nodes.FirstOrDefault() is GraphQLFragmentSpread spread
            ? $"Fragment '{spread.FragmentName.Name.StringValue}' cannot be spread here: it can never apply to this selection."
            : "Fragment cannot be spread here: it can never apply to this selection.",
        _ => null,
    };

    private static TNode? Node<TNode>(ValidationError error)
        where TNode : ASTNode => error.Nodes.OfType<TNode>().FirstOrDefault();

    [GeneratedRegex("^Variable '\\$?(?<name>[_A-Za-z][_0-9A-Za-z]*)'")]
    private static partial Regex DefaultValueVariable();

    [GeneratedRegex("^Variable '\\$(?<name>[_A-Za-z][_0-9A-Za-z]*)' of type '(?<type>[^']+)' used in position")]
    private static partial Regex VariablePosition();

    [GeneratedRegex("^Field (?<name>[_A-Za-z][_0-9A-Za-z]*) of type")]
    private static partial Regex SelectedField();

    [GeneratedRegex("^Fields (?<name>[_A-Za-z][_0-9A-Za-z]*) conflicts")]
    private static partial Regex ConflictingResponseName();

    [GeneratedRegex("^Invalid (?:value|literal) for [^.]*\\.")]
    private static partial Regex FirstSentence();
}

/// <summary>A validation error told without the schema's names: the original's code, number and locations, a new message.</summary>
#pragma warning disable CA1032 // Only the validator creates it.
public sealed class SchemaHiddenError : ValidationError
#pragma warning restore CA1032
{
    public SchemaHiddenError(ValidationError original, string message)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(original);
        Code = original.Code;
        Number = original.Number;
        Path = original.Path;
        foreach (var location in original.Locations ?? [])
        {
            AddLocation(location);
        }
    }
}
