using Diecast.Api.GraphQL.Http;
using Diecast.Api.GraphQL.Protection;
using GraphQL;
using GraphQLParser;

namespace Diecast.Api.Tests.GraphQL.Protection;

/// <summary>The shape measurement on its own: what counts towards each limit, and what a real document costs.</summary>
public sealed class DocumentLimitsTests
{
    private static readonly GraphQLHttpOptions Limits = new() { MaxFields = 10, MaxFieldsPerResponseName = 3, MaxDepth = 3, MaxDirectives = 2, MaxInputValues = 5, MaxDefinitions = 4 };

    [Theory]
    [InlineData("{ a b c d e f g h i j }", null)]
    [InlineData("{ a b c d e f g h i j k }", "DOCUMENT_TOO_MANY_FIELDS")]
    [InlineData("{ ...F ...F } fragment F on Q { a b c d e f }", "DOCUMENT_TOO_MANY_FIELDS")]
    [InlineData("{ a a a }", null)]
    [InlineData("{ a ... on Q { a } ...F } fragment F on Q { a }", null)]
    [InlineData("{ a ... on Q { a } ...F } fragment F on Q { a a }", "DOCUMENT_FIELD_REPEATED")]
    [InlineData("{ x { a a } x { a a } }", "DOCUMENT_FIELD_REPEATED")]
    [InlineData("{ x { y { z } } }", null)]
    [InlineData("{ x { y { z { w } } } }", "DOCUMENT_TOO_DEEP")]
    [InlineData("{ x { ...F } } fragment F on Q { y { z { w } } }", "DOCUMENT_TOO_DEEP")]
    [InlineData("{ ...A } fragment A on Q { ...B } fragment B on Q { ...A }", "NO_FRAGMENT_CYCLES")]
    [InlineData("{ a } fragment A on Q { ...A }", "NO_FRAGMENT_CYCLES")]
    [InlineData("{ a @skip(if: false) @include(if: true) }", null)]
    [InlineData("{ a @skip(if: false) ...F @include(if: true) } fragment F on Q { b @skip(if: true) }", "DOCUMENT_TOO_MANY_DIRECTIVES")]
    [InlineData("{ a(x: [1, 2, 3, 4]) }", null)]
    [InlineData("{ a(x: [1, 2], y: { z: [3, 4] }) }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("{ a } fragment A on Q { a } fragment B on Q { a } fragment C on Q { a } fragment D on Q { a }", "DOCUMENT_TOO_MANY_DEFINITIONS")]
    [InlineData("{ ...Missing }", null)]
    [InlineData("{ ...A } fragment A on Q { a } fragment A on Q { a a a a a a a a }", "UNIQUE_FRAGMENT_NAMES")]
    public void A_document_breaks_the_first_limit_it_exceeds(string query, string? code)
    {
        var refused = new DocumentLimits(Limits).Check(Parser.Parse(query), variables: null);

        Assert.Equal(code, refused?.Code);
    }

    [Fact]
    public void Variables_count_towards_input_values()
    {
        var document = Parser.Parse("query($ids: [ID!]) { a(ids: $ids) }");
        var limits = new DocumentLimits(Limits);

        Assert.Null(limits.Check(document, new Inputs(new Dictionary<string, object?> { ["ids"] = new List<object?> { "1", "2", "3" } })));
        Assert.Equal("DOCUMENT_TOO_MANY_INPUT_VALUES", limits.Check(document, new Inputs(new Dictionary<string, object?> { ["ids"] = new List<object?> { "1", "2", "3", "4", "5" } }))?.Code);
    }
}
