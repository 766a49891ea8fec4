using Diecast.ClientGenerator.Diagnostics;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Diecast.ClientGenerator.Schema;

/// <summary>
/// Builds a GraphQL.NET schema from SDL, so that operations are validated by the very rules the server runs.
/// The schema never executes: abstract types get a resolver that is never called, and custom scalars GraphQL.NET
/// does not know accept any literal (the server, not the client, decides what a Money or a URL looks like).
/// </summary>
public static class SchemaLoader
{
    /// <summary>Scalars GraphQL.NET's schema builder resolves by name without help.</summary>
    private static readonly HashSet<string> KnownScalars =
    [
        "String", "Int", "Float", "Boolean", "ID", "Long", "Decimal", "DateTime", "Date", "DateTimeOffset", "Guid", "Uri",
        "Short", "UShort", "UInt", "ULong", "BigInt", "Byte", "SByte", "TimeSpan", "Seconds", "Milliseconds", "DateOnly", "TimeOnly",
    ];

    public static ISchema? Load(SourceFile file, List<GeneratorDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(diagnostics);
        GraphQLDocument sdl;
        try
        {
            sdl = Parser.Parse(file.Text, new ParserOptions { Ignore = IgnoreOptions.Comments });
        }
        catch (GraphQLSyntaxErrorException exception)
        {
            diagnostics.Add(new GeneratorDiagnostic(DiagnosticCodes.InvalidSchema, file.Path, exception.Location.Line, exception.Location.Column, $"The schema does not parse: {exception.Description}"));
            return null;
        }

        try
        {
            var schema = global::GraphQL.Types.Schema.For(file.Text, builder =>
            {
                foreach (var definition in sdl.Definitions)
                {
                    if (definition is GraphQLUnionTypeDefinition or GraphQLInterfaceTypeDefinition)
                    {
                        builder.Types.For(((GraphQLTypeDefinition)definition).Name.StringValue).ResolveType = _ => throw new InvalidOperationException("The generator's schema never executes.");
                    }
                }
            });
            foreach (var scalar in sdl.Definitions.OfType<GraphQLScalarTypeDefinition>())
            {
                if (!KnownScalars.Contains(scalar.Name.StringValue))
                {
                    schema.RegisterType(new OpaqueScalarGraphType(scalar.Name.StringValue));
                }
            }

            schema.Initialize();
            return schema;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            diagnostics.Add(new GeneratorDiagnostic(DiagnosticCodes.InvalidSchema, file.Path, 1, 1, $"The schema cannot be built: {exception.Message}"));
            return null;
        }
    }

    /// <summary>A custom scalar the client knows nothing about: any literal validates.</summary>
    private sealed class OpaqueScalarGraphType : ScalarGraphType
    {
        public OpaqueScalarGraphType(string name)
        {
            Name = name;
        }

        public override object? ParseLiteral(GraphQLValue value) => value;

        public override object? ParseValue(object? value) => value;

        public override bool CanParseLiteral(GraphQLValue value) => true;

        public override bool CanParseValue(object? value) => true;
    }
}
