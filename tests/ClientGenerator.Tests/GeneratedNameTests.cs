using Diecast.ClientGenerator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Diecast.ClientGenerator.Tests;

/// <summary>
/// GraphQL names that C# or the generated code itself already uses, in every place a name becomes C#. A name from the
/// schema (a field, an input field, an enum value, an enum or input type) must give code that compiles, since the
/// client cannot rename it; a name from an operation (its name, a fragment's, a variable's, an alias) may instead be
/// reported as DGQL0030 naming it. The code is compiled with Roslyn, warnings included: consuming projects treat
/// warnings as errors.
/// </summary>
public sealed class GeneratedNameTests
{
    private const string ClientName = "NamesClient";

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p))]);

    public static TheoryData<string> Names => new()
    {
        // Members of object that a property would hide (CS0108), and Finalize, which it would not.
        "equals", "Equals", "getHashCode", "toString", "getType", "memberwiseClone", "referenceEquals", "finalize",
        // Names the generated classes use themselves: input classes' WriteTo, writer and locals, result classes'
        // constructor parameters, the readers' parameters and locals, the operation's connection field, the client's members.
        "writeTo", "writer", "value0", "item0", "itemPath0", "typename", "element", "path", "data", "_connection", "connection",
        "_", "_x", "_xValue", "Documents", "OperationName", "Document", "DocumentId", "ExecuteAsync", "cancellationToken",
        "NamesClient", "NamesClientJson", "NamesClientRegistration", "INamesClient", "AddNamesClient",
        // C# keywords and contextual keywords, and an all-lower-case type name (CS8981).
        "class", "event", "string", "object", "namespace", "int", "var", "nameof", "field", "value", "record", "dynamic", "color",
        // Types the generated code names, generic ones included.
        "CancellationToken", "JsonElement", "JsonValueKind", "Utf8JsonWriter", "ArgumentNullException", "ArgumentOutOfRangeException",
        "ResponseReader", "IGraphQLConnection", "GraphQLConnection", "GraphQLOperationRequest", "IServiceCollection",
        "GraphQLClientBuilder", "Guid", "DateTimeOffset", "Task", "IReadOnlyList", "IOperationResult", "OperationResult", "System",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_schema_field_input_field_or_enum_value_with_the_name_compiles(string name)
    {
        var schema = $$"""
            type Query { item(filter: Filter): Item }
            type Item { {{name}}: String kind: Kind label: String }
            input Filter { {{name}}: String kind: Kind }
            enum Kind { {{name}} OTHER }
            """;

        // The schema loader camel-cases field names, as GraphQL.NET does (Utf8JsonWriter → utf8JsonWriter).
        var field = char.ToLowerInvariant(name[0]) + name[1..];
        AssertCompiles(name, schema, "query Q($filter: Filter) { item(filter: $filter) { " + field + " kind } }");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_schema_enum_or_input_type_with_the_name_compiles(string name)
    {
        if (name is "String" or "Int" or "Float" or "Boolean" or "ID" or "Query" || name.StartsWith("__", StringComparison.Ordinal))
        {
            return;
        }

        AssertCompiles(name, $$"""
            type Query { kind: {{name}} find(kinds: [{{name}}!]): Int }
            enum {{name}} { A {{name}} }
            """, $"query Q($kinds: [{name}!]) {{ kind find(kinds: $kinds) }}");
        AssertCompiles(name, $$"""
            type Query { find(input: {{name}}!): Int }
            input {{name}} { {{name}}: String self: {{name}} other: [{{name}}!] }
            """, $"query Q($input: {name}!) {{ find(input: $input) }}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void An_operation_fragment_variable_or_alias_with_the_name_compiles_or_is_reported_by_name(string name)
    {
        const string schema = """
            type Query { item(filter: Filter): Item }
            type Item { label: String kind: Kind }
            input Filter { label: String kind: Kind }
            enum Kind { A B }
            """;
        string[] operations =
        [
            $"query {name} {{ item {{ label }} }}",
            $"query Q {{ item {{ ...{name} }} }}\nfragment {name} on Item {{ label }}",
            $"query Q(${name}: String) {{ item(filter: {{ label: ${name} }}) {{ label }} }}",
            $"query Q {{ item {{ {name}: label kind }} }}",
        ];

        foreach (var operation in operations)
        {
            var result = Generate(schema, operation);
            if (result.Diagnostics.Count > 0)
            {
                Assert.All(result.Diagnostics, d =>
                {
                    Assert.Equal(DiagnosticCodes.GeneratedNameCollision, d.Code);
                    Assert.Contains(name.TrimStart('_'), d.Message, StringComparison.OrdinalIgnoreCase);
                });
                continue;
            }

            Assert.True(Compile(result.Code!) is [], $"{operation}\n{string.Join("\n", Compile(result.Code!))}");
        }
    }

    private static void AssertCompiles(string name, string schema, string operation)
    {
        var result = Generate(schema, operation);

        Assert.True(result.Diagnostics.Count == 0, $"{name}: {string.Join("\n", result.Diagnostics)}");
        var diagnostics = Compile(result.Code!);
        Assert.True(diagnostics.Count == 0, $"{name}:\n{string.Join("\n", diagnostics)}");
    }

    private static GeneratorResult Generate(string schema, string operation) =>
        ClientGeneration.Generate(new GeneratorInput(
            new SourceFile("schema.graphql", schema), [new SourceFile("Names.graphql", operation)], ClientName, "Generated.Names", new Dictionary<string, string>()));

    /// <summary>Errors and warnings of the generated code alone, at the highest warning level.</summary>
    private static IReadOnlyList<Diagnostic> Compile(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest), path: ClientName + ".g.cs");
        var compilation = CSharpCompilation.Create("Names", [tree], References.Value, new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));
        return [.. compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
    }
}
