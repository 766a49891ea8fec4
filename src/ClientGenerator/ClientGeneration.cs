using Diecast.ClientGenerator.Diagnostics;
using Diecast.ClientGenerator.Documents;
using Diecast.ClientGenerator.Emit;
using Diecast.ClientGenerator.Model;
using Diecast.ClientGenerator.Schema;
using Diecast.ClientGenerator.Validation;
using Diecast.GraphQL.Client;

namespace Diecast.ClientGenerator;

/// <summary>
/// One generation: load the schema, read and validate the operations, build the type model, emit C# and the
/// trusted-documents manifest. Each stage stops the run when the one before it reported errors, so a build shows
/// the first real problems rather than their consequences.
/// </summary>
public static class ClientGeneration
{
    public static GeneratorResult Generate(GeneratorInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var diagnostics = new List<GeneratorDiagnostic>();
        if (!Naming.IsIdentifier(input.ClientName))
        {
            diagnostics.Add(new GeneratorDiagnostic(DiagnosticCodes.InvalidClientSetting, input.Schema.Path, 1, 1,
                $"The client name (GraphQLClientName) '{input.ClientName}' is not a C# identifier."));
        }
        else if (new[] { input.ClientName, "I" + input.ClientName, input.ClientName + "Registration", input.ClientName + "Json" }.FirstOrDefault(Naming.ReferencedTypes.Contains) is { } shadowed)
        {
            diagnostics.Add(new GeneratorDiagnostic(DiagnosticCodes.InvalidClientSetting, input.Schema.Path, 1, 1,
                $"The client name (GraphQLClientName) '{input.ClientName}' would generate the type '{shadowed}', which hides the .NET type the generated code uses."));
        }
        else if (input.ClientName.All(char.IsAsciiLetterLower))
        {
            // CS8981: such names may become C# keywords, and the warning fails a build that treats warnings as errors.
            diagnostics.Add(new GeneratorDiagnostic(DiagnosticCodes.InvalidClientSetting, input.Schema.Path, 1, 1,
                $"The client name (GraphQLClientName) '{input.ClientName}' has only lower-case letters, which C# reserves for keywords (CS8981)."));
        }

        if (!Naming.IsNamespace(input.Namespace))
        {
            diagnostics.Add(new GeneratorDiagnostic(DiagnosticCodes.InvalidClientSetting, input.Schema.Path, 1, 1,
                $"The client namespace (GraphQLClientNamespace) '{input.Namespace}' is not a C# namespace name."));
        }

        var scalars = new ScalarMap(input.ScalarRuntimeTypes, input.Schema.Path, diagnostics);
        var schema = SchemaLoader.Load(input.Schema, diagnostics);
        var documents = OperationDocuments.Read(input.Documents, diagnostics);
        if (schema is null || diagnostics.Count > 0)
        {
            return new GeneratorResult(diagnostics, null, null);
        }

        OperationValidator.Validate(schema, documents, diagnostics);
        if (diagnostics.Count > 0)
        {
            return new GeneratorResult(diagnostics, null, null);
        }

        var model = ModelBuilder.Build(schema, documents, scalars, input.ClientName, input.Namespace, diagnostics);
        if (diagnostics.Count > 0)
        {
            return new GeneratorResult(diagnostics, null, null);
        }

        return new GeneratorResult([], ClientEmitter.Emit(model), TrustedDocumentsFile.Format(model.Operations.Select(o => o.Document)));
    }
}
