using Diecast.ClientGenerator.Diagnostics;
using Diecast.ClientGenerator.Documents;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Diecast.ClientGenerator.Validation;

/// <summary>
/// Validates each operation, together with the fragments it uses, with GraphQL.NET's <see cref="DocumentValidator"/>
/// and its standard rules: the same checks the server makes, so an operation that builds is one the server accepts.
/// A fragment no operation uses is an error of its own (it would be neither validated nor sent).
/// </summary>
public static class OperationValidator
{
    /// <summary>GraphQL.NET's error codes, grouped into the generator's stable diagnostic codes.</summary>
    private static readonly Dictionary<string, string> CodeByValidationCode = new(StringComparer.Ordinal)
    {
        ["FIELDS_ON_CORRECT_TYPE"] = DiagnosticCodes.UnknownField,
        ["KNOWN_ARGUMENT_NAMES"] = DiagnosticCodes.UnknownArgument,
        ["PROVIDED_NON_NULL_ARGUMENTS"] = DiagnosticCodes.MissingArgument,
        ["ARGUMENTS_OF_CORRECT_TYPE"] = DiagnosticCodes.WrongValueType,
        ["DEFAULT_VALUES_OF_CORRECT_TYPE"] = DiagnosticCodes.WrongValueType,
        ["NO_UNDEFINED_VARIABLES"] = DiagnosticCodes.UndefinedVariable,
        ["NO_UNUSED_VARIABLES"] = DiagnosticCodes.UnusedVariable,
        ["VARIABLES_IN_ALLOWED_POSITION"] = DiagnosticCodes.VariableTypeMismatch,
        ["VARIABLES_ARE_INPUT_TYPES"] = DiagnosticCodes.VariableTypeMismatch,
        ["KNOWN_FRAGMENT_NAMES"] = DiagnosticCodes.UnknownFragment,
        ["KNOWN_TYPE_NAMES"] = DiagnosticCodes.UnknownType,
        ["SCALAR_LEAFS"] = DiagnosticCodes.SelectionMismatch,
        ["FRAGMENTS_ON_COMPOSITE_TYPES"] = DiagnosticCodes.SelectionMismatch,
        ["POSSIBLE_FRAGMENT_SPREADS"] = DiagnosticCodes.SelectionMismatch,
        ["OVERLAPPING_FIELDS_CAN_BE_MERGED"] = DiagnosticCodes.SelectionMismatch,
    };

    public static void Validate(ISchema schema, OperationDocuments documents, List<GeneratorDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var reported = new HashSet<(string Code, string Path, int Line, int Column)>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in documents.Operations)
        {
            var node = (GraphQLOperationDefinition)operation.Node;
            var fragments = documents.FragmentsUsedBy(node);
            used.UnionWith(fragments.Select(f => f.Name));
            var document = new GraphQLDocument([node, .. fragments.Select(f => f.Node)]);
            var result = new DocumentValidator().ValidateAsync(new ValidationOptions
            {
                Schema = schema,
                Document = document,
                Operation = node,
                Rules = DocumentValidator.CoreRules,
                Variables = Inputs.Empty,
                Extensions = Inputs.Empty,
                UserContext = new Dictionary<string, object?>(),
            }).GetAwaiter().GetResult();

            // Variable values are checked too, and every required variable is missing here: values come at run time.
            foreach (var error in result.Errors.Where(e => e is not InvalidVariableError))
            {
                var diagnostic = ToDiagnostic(error, operation, documents);
                // A fragment shared by several operations would otherwise report its error once per operation (the
                // messages differ only in the operation they name).
                if (reported.Add((diagnostic.Code, diagnostic.Path, diagnostic.Line, diagnostic.Column)))
                {
                    diagnostics.Add(diagnostic);
                }
            }
        }

        ReportUnusedFragments(documents, used, diagnostics);
    }

    /// <summary>Unused fragments, in file order: the ones the operations use are validated with them above.</summary>
    private static void ReportUnusedFragments(OperationDocuments documents, HashSet<string> used, List<GeneratorDiagnostic> diagnostics)
    {
        foreach (var fragment in documents.Fragments.Values.Where(f => !used.Contains(f.Name)).OrderBy(f => f.File.Path, StringComparer.Ordinal).ThenBy(f => f.Node.Location.Start))
        {
            diagnostics.Add(GeneratorDiagnostic.At(DiagnosticCodes.UnusedFragment, fragment.File, fragment.Node.Location.Start,
                $"The fragment '{fragment.Name}' is not used by any operation; use it or remove it."));
        }
    }

    private static GeneratorDiagnostic ToDiagnostic(ExecutionError error, Definition operation, OperationDocuments documents)
    {
        var code = error.Code is { } validationCode && CodeByValidationCode.TryGetValue(validationCode, out var mapped) ? mapped : DiagnosticCodes.OtherValidationError;
        var message = $"{error.Message} (in operation '{operation.Name}')";
        var node = (error as ValidationError)?.Nodes?.FirstOrDefault();
        return node is not null && documents.FileOf(node) is { } file
            ? GeneratorDiagnostic.At(code, file, node.Location.Start, message)
            : GeneratorDiagnostic.At(code, operation.File, operation.Node.Location.Start, message);
    }
}
