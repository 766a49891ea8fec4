using Diecast.ClientGenerator.Diagnostics;

namespace Diecast.ClientGenerator.Tests;

/// <summary>Invalid operations stop the generation with a code, the file, and the line and column of the problem.</summary>
public sealed class DiagnosticsTests
{
    public static TheoryData<string, string, string, int, int> InvalidOperations => new()
    {
        { "an unknown field", "query A {\n  books {\n    nodes { titel }\n  }\n}", DiagnosticCodes.UnknownField, 3, 13 },
        { "an argument of the wrong type", "query A {\n  books(first: \"ten\") { totalCount }\n}", DiagnosticCodes.WrongValueType, 2, 9 },
        { "an undefined variable", "query A {\n  author(id: $missing) { name }\n}", DiagnosticCodes.UndefinedVariable, 2, 14 },
        { "an unknown fragment", "query A {\n  author(id: \"1\") {\n    ...Missing\n  }\n}", DiagnosticCodes.UnknownFragment, 3, 5 },
        { "an anonymous operation", "\n{ books { totalCount } }", DiagnosticCodes.AnonymousOperation, 2, 1 },
        { "a syntax error", "query A {\n  books(first: ) { totalCount }\n}", DiagnosticCodes.SyntaxError, 2, 16 },
        { "a missing required argument", "query A {\n  author { name }\n}", DiagnosticCodes.MissingArgument, 2, 3 },
        { "a subscription", "subscription A { books { totalCount } }", DiagnosticCodes.UnsupportedDefinition, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(InvalidOperations))]
    public void An_invalid_operation_is_reported_where_it_is(string problem, string operation, string code, int line, int column)
    {
        var result = Fixture.Generate(new SourceFile("Broken.graphql", operation));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.True((code, line, column) == (diagnostic.Code, diagnostic.Line, diagnostic.Column), $"{problem}: {diagnostic}");
        Assert.Equal("Broken.graphql", diagnostic.Path);
        Assert.Null(result.Code);
    }

    [Fact]
    public void Diagnostics_are_MSBuild_canonical_errors()
    {
        var result = Fixture.Generate(new SourceFile("Pages/Broken.graphql", "query A {\n  books { nodes { titel } }\n}"));

        Assert.Equal(
            "Pages/Broken.graphql(2,19): error DGQL0010: Cannot query field 'titel' on type 'Book'. Did you mean 'title'? (in operation 'A')",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void A_result_that_cannot_implement_its_fragment_is_reported_not_left_to_the_compiler()
    {
        // The fragment's author may be skipped, the operation's is always there with other fields: one object cannot be both.
        var result = Fixture.Generate(new SourceFile("Probe.graphql", """
            fragment ProbeBook on Book {
              author @include(if: $withAuthor) { id }
            }

            query Probe($withAuthor: Boolean!) {
              books { nodes { ...ProbeBook author { name } } }
            }
            """));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.FragmentNotImplementable, "Probe.graphql", 1, 1), (diagnostic.Code, diagnostic.Path, diagnostic.Line, diagnostic.Column));
        Assert.Contains("IProbeBook", diagnostic.Message, StringComparison.Ordinal);
        Assert.Null(result.Code);
    }

    [Fact]
    public void Operation_names_are_unique_across_files()
    {
        var result = Fixture.Generate(
            new SourceFile("First.graphql", "query Same { books { totalCount } }"),
            new SourceFile("Second.graphql", "\n\nquery Same { search(term: \"x\") { __typename } }"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.DuplicateOperationName, "Second.graphql", 3, 1), (diagnostic.Code, diagnostic.Path, diagnostic.Line, diagnostic.Column));
        Assert.Contains("First.graphql(1,1)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fragment_names_are_unique_across_files()
    {
        var result = Fixture.Generate(
            new SourceFile("A.graphql", "query A { author(id: \"1\") { ...Name } }\nfragment Name on Author { name }"),
            new SourceFile("B.graphql", "fragment Name on Author { id }"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.DuplicateFragmentName, "B.graphql", 1, 1), (diagnostic.Code, diagnostic.Path, diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void A_fragment_in_another_file_is_found_and_its_errors_point_into_that_file()
    {
        var valid = Fixture.Generate(
            new SourceFile("Query.graphql", "query A { author(id: \"1\") { ...Name } }"),
            new SourceFile("Fragments.graphql", "fragment Name on Author { name }"));
        var invalid = Fixture.Generate(
            new SourceFile("Query.graphql", "query A { author(id: \"1\") { ...Name } }"),
            new SourceFile("Fragments.graphql", "fragment Name on Author {\n  nickname\n}"));

        Assert.Empty(valid.Diagnostics);
        Assert.Contains("public partial interface IName", valid.Code, StringComparison.Ordinal);
        var diagnostic = Assert.Single(invalid.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnknownField, "Fragments.graphql", 2, 3), (diagnostic.Code, diagnostic.Path, diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var result = Fixture.Generate(
            new SourceFile("A.graphql", "query A { books { nodes { titel } } }"),
            new SourceFile("B.graphql", "query B { author(id: 1) { nom } }"));

        Assert.Equal(["A.graphql", "B.graphql"], result.Diagnostics.Select(d => d.Path).Distinct());
    }

    public static TheoryData<string, string> UnusedFragments => new()
    {
        { "an unknown field", "fragment F on Book {\n  titel\n}" },
        { "an unknown type condition", "fragment F on Book {\n  ... on Nope { id }\n}" },
        { "a cycle", "fragment F on Book {\n  ...G\n}\nfragment G on Book {\n  ...F\n}" },
    };

    [Theory]
    [MemberData(nameof(UnusedFragments))]
    public void A_fragment_no_operation_uses_is_an_error_and_is_not_built(string problem, string fragments)
    {
        var result = Fixture.Generate(
            new SourceFile("Query.graphql", "query A { books { totalCount } }"),
            new SourceFile("Fragments.graphql", fragments));

        Assert.True(result.Diagnostics.Count > 0, problem);
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticCodes.UnusedFragment, d.Code));
        Assert.Equal(("Fragments.graphql", 1, 1), (result.Diagnostics[0].Path, result.Diagnostics[0].Line, result.Diagnostics[0].Column));
        Assert.Equal("The fragment 'F' is not used by any operation; use it or remove it.", result.Diagnostics[0].Message);
        Assert.Null(result.Code);
    }

    [Fact]
    public void A_cycle_of_fragments_an_operation_uses_is_a_validation_error_not_a_crash()
    {
        var result = Fixture.Generate(new SourceFile("Cycle.graphql",
            "query A { books { nodes { ...F } } }\nfragment F on Book { id ...G }\nfragment G on Book { title ...F }"));

        Assert.NotEmpty(result.Diagnostics);
        Assert.Null(result.Code);
    }

    [Fact]
    public void An_error_in_a_fragment_shared_by_several_operations_is_reported_once()
    {
        var result = Fixture.Generate(
            new SourceFile("Queries.graphql", "query A { books { nodes { ...F } } }\nquery B { books { nodes { ...F } } }"),
            new SourceFile("Fragments.graphql", "fragment F on Book {\n  titel\n}"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnknownField, "Fragments.graphql", 2, 3), (diagnostic.Code, diagnostic.Path, diagnostic.Line, diagnostic.Column));
    }

    public static TheoryData<string, string, int, int> NameCollisions => new()
    {
        { "response names differing in the case of the first letter", "query A {\n  author(id: \"1\") { name Name: id }\n}", 1, 1 },
        { "a variable named like the CancellationToken parameter", "query A($cancellationToken: Int) { books(first: $cancellationToken) { totalCount } }", 1, 9 },
        { "variables differing in the case of the first letter", "query A($x: Int, $X: String) { books(first: $x, after: $X) { totalCount } }", 1, 18 },
        { "a variable with the generated locals' prefix", "query A($__x: Int) { books(first: $__x) { totalCount } }", 1, 9 },
        { "an operation named like the client's Documents", "query Documents { books { totalCount } }", 1, 1 },
        { "an operation named like the client", "query FixtureClient { books { totalCount } }", 1, 1 },
        { "an operation and a fragment both giving IXQuery", "query X { books { nodes { ...XQuery } } }\n\nfragment XQuery on Book { id }", 1, 1 },
        { "a field named like its result class", "query A { AResult: books { totalCount } }", 1, 1 },
        { "a variable named like the operation's connection field", "query A($_connection: Int) { books(first: $_connection) { totalCount } }", 1, 9 },
        { "an operation named like the client constructor's connection", "query connection { books { totalCount } }", 1, 1 },
        { "an operation named like a .NET type the client class uses", "query ArgumentNullException { books { totalCount } }", 1, 1 },
        { "a fragment whose interface would hide IGraphQLConnection", "query A { books { nodes { ...GraphQLConnection } } }\n\nfragment GraphQLConnection on Book { id }", 3, 1 },
    };

    [Theory]
    [MemberData(nameof(NameCollisions))]
    public void Names_that_would_collide_in_the_generated_code_are_reported(string problem, string operation, int line, int column)
    {
        var result = Fixture.Generate(new SourceFile("Names.graphql", operation));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.True((DiagnosticCodes.GeneratedNameCollision, line, column) == (diagnostic.Code, diagnostic.Line, diagnostic.Column), $"{problem}: {diagnostic}");
        Assert.Equal("Names.graphql", diagnostic.Path);
        Assert.Null(result.Code);
    }

    [Fact]
    public void Enum_values_that_give_one_member_name_are_reported()
    {
        var schema = new SourceFile("schema.graphql", "type Query { stock: Stock }\nenum Stock { IN_STOCK inStock }");
        var result = ClientGeneration.Generate(new GeneratorInput(
            schema, [new SourceFile("Stock.graphql", "query S { stock }")], "StockClient", "Stock", new Dictionary<string, string>()));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.GeneratedNameCollision, "Stock.graphql", 1, 1), (diagnostic.Code, diagnostic.Path, diagnostic.Line, diagnostic.Column));
        Assert.Contains("'InStock'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Diecast-Client", "Fixtures")]
    [InlineData("class", "Fixtures")]
    [InlineData("FixtureClient", "My Company.Client")]
    [InlineData("FixtureClient", "Fixtures.")]
    [InlineData("GraphQLConnection", "Fixtures")]
    [InlineData("ResponseReader", "Fixtures")]
    [InlineData("fixtures", "Fixtures")]
    public void A_client_name_or_namespace_that_is_not_CSharp_is_reported(string clientName, string @namespace)
    {
        var result = ClientGeneration.Generate(new GeneratorInput(
            Fixture.Schema, [new SourceFile("A.graphql", "query A { books { totalCount } }")], clientName, @namespace, Fixture.Scalars));

        Assert.Equal(DiagnosticCodes.InvalidClientSetting, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_scalar_mapped_twice_is_reported_not_a_crash()
    {
        var diagnostics = new List<GeneratorDiagnostic>();

        var scalars = GeneratorInputReader.ReadScalarMappings(["Money:decimal", "Url:string", "Money:double"], "schema.graphql", diagnostics);

        Assert.Equal(DiagnosticCodes.InvalidScalarMapping, Assert.Single(diagnostics).Code);
        Assert.Equal("decimal", scalars["Money"]);
    }

    [Fact]
    public void A_file_that_cannot_be_opened_is_reported_like_a_missing_one()
    {
        var diagnostics = new List<GeneratorDiagnostic>();

        // Opening a folder as a file throws UnauthorizedAccessException, not IOException.
        Assert.Null(GeneratorInputReader.ReadFile(AppContext.BaseDirectory, diagnostics));
        Assert.Null(GeneratorInputReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "missing.graphql"), diagnostics));

        Assert.Equal([DiagnosticCodes.UnreadableFile, DiagnosticCodes.UnreadableFile], diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void A_scalar_mapped_to_a_type_the_client_cannot_read_is_reported()
    {
        var result = ClientGeneration.Generate(new GeneratorInput(
            Fixture.Schema, [], "FixtureClient", "Fixtures", new Dictionary<string, string> { ["Money"] = "System.Numerics.BigInteger" }));

        Assert.Equal(DiagnosticCodes.InvalidScalarMapping, Assert.Single(result.Diagnostics).Code);
    }
}
