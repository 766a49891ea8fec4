using Diecast.ClientGenerator.Model;
using static Diecast.ClientGenerator.Emit.CSharpNames;

namespace Diecast.ClientGenerator.Emit;

/// <summary>
/// One interface and class per operation: its name, document and document id as constants, and ExecuteAsync, which
/// writes the variables and hands the request and the result's reader to the connection.
/// </summary>
internal sealed class OperationEmitter(CodeWriter code, string jsonClass, JsonWritingEmitter json)
{
    public void Emit(OperationModel operation)
    {
        var resultType = operation.Result.InterfaceName;
        var parameters = Parameters(operation.Variables);
        code.Line().Line($"/// <summary>The {operation.Kind.ToLowerInvariant()} {operation.Name}.</summary>");
        using (code.Block($"public partial interface I{operation.TypeName}"))
        {
            code.Line($"Task<IOperationResult<{resultType}>> ExecuteAsync({parameters});");
        }

        code.Line();
        using (code.Block($"public sealed partial class {operation.TypeName} : I{operation.TypeName}"))
        {
            EmitConstants(operation);
            code.Line("private readonly IGraphQLConnection _connection;").Line();
            using (code.Block($"public {operation.TypeName}(IGraphQLConnection connection)"))
            {
                code.Line("_connection = connection;");
            }

            code.Line();
            using (code.Block($"public Task<IOperationResult<{resultType}>> ExecuteAsync({parameters})"))
            {
                EmitExecuteAsyncBody(operation);
            }
        }
    }

    private void EmitConstants(OperationModel operation)
    {
        code.Line($"public const string OperationName = \"{operation.Name}\";").Line();
        code.Line("/// <summary>The text sent, and exported to the trusted documents.</summary>");
        if (operation.Document.Contains("\"\"\"", StringComparison.Ordinal))
        {
            code.Line($"public const string Document = @\"{operation.Document.Replace("\"", "\"\"", StringComparison.Ordinal)}\";");
        }
        else
        {
            code.Line("public const string Document = \"\"\"");
            code.Verbatim(operation.Document, 8);
            code.Line("    \"\"\";");
        }

        code.Line().Line("/// <summary>The document's id among the server's trusted documents: its SHA-256.</summary>");
        code.Line($"public const string DocumentId = \"{operation.DocumentId}\";").Line();
    }

    private void EmitExecuteAsyncBody(OperationModel operation)
    {
        foreach (var variable in operation.Variables.Where(v => !v.IsOmittable && !v.Type.IsValueType))
        {
            code.Line($"ArgumentNullException.ThrowIfNull({Naming.Camel(variable.Name)});");
        }

        var writeVariables = "null";
        if (operation.Variables.Count > 0)
        {
            writeVariables = "WriteVariables";
            EmitWriteVariables(operation.Variables);
            code.Line();
        }

        code.Line($"return _connection.ExecuteAsync(")
            .Line($"    new GraphQLOperationRequest(OperationName, Document, DocumentId, {writeVariables}),")
            .Line($"    static data => {jsonClass}.Read{operation.Result.Name}(data, \"data\"),")
            .Line("    cancellationToken);");
    }

    /// <summary>
    /// The local function WriteVariables. The parameters are named after the variables; the names generated here start
    /// with the reserved prefix (Naming.GeneratedLocalPrefix), so that no variable name can collide with them: __writer,
    /// __value0, __item0 and, for a variable $x that may be left out, __var_x.
    /// </summary>
    private void EmitWriteVariables(IReadOnlyList<VariableModel> variables)
    {
        const string prefix = Naming.GeneratedLocalPrefix;
        using (code.Block($"void WriteVariables(Utf8JsonWriter {prefix}writer)"))
        {
            foreach (var variable in variables)
            {
                var parameter = Naming.Camel(variable.Name);
                if (variable.IsOmittable)
                {
                    // Null means "not given": the variable is left out, so its default (or null) applies on the server.
                    var given = $"{prefix}var_{variable.Name}";
                    using (code.Block($"if ({parameter} is {{ }} {given})"))
                    {
                        code.Line($"{prefix}writer.WritePropertyName(\"{variable.Name}\");");
                        json.WriteValue(variable.Type.AsNullable(false), given, 0, prefix);
                    }
                }
                else
                {
                    code.Line($"{prefix}writer.WritePropertyName(\"{variable.Name}\");");
                    json.WriteValue(variable.Type, parameter, 0, prefix);
                }
            }
        }
    }

    /// <summary>Variables in order; trailing omittable ones may be left out of the call.</summary>
    private static string Parameters(IReadOnlyList<VariableModel> variables)
    {
        var firstOptional = variables.Count;
        while (firstOptional > 0 && variables[firstOptional - 1].IsOmittable)
        {
            firstOptional--;
        }

        var parameters = variables.Select((v, i) =>
        {
            var type = TypeOf(v.IsOmittable ? v.Type.AsNullable(true) : v.Type);
            return $"{type} {Naming.Camel(v.Name)}" + (i >= firstOptional ? " = null" : "");
        });
        return string.Join(", ", parameters.Append("CancellationToken cancellationToken = default"));
    }
}
