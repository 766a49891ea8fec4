using Diecast.GraphQL.Server.Protection;
using GraphQL;
using GraphQLParser;

namespace Diecast.GraphQL.Server.Tests.Protection;

/// <summary>The shape measurement on its own: what counts towards each limit, and what a real document costs.</summary>
public sealed class DocumentLimitsTests
{
    private static readonly GraphQLLimits Limits = new() { MaxFields = 10, MaxFieldsPerResponseName = 3, MaxDepth = 3, MaxDirectives = 2, MaxInputValues = 5, MaxDefinitions = 4 };

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
    // Input values are counted wherever a value can be written: variable defaults, directive arguments, and inside
    // fragments at every spread (the measurement walks a fragment once; its values are added again at later spreads).
    [InlineData("query($w: I = [1, 2, 3]) { a }", null)]
    [InlineData("query($w: I = [1, 2, 3, 4, 5]) { a }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("query($w: I = [1]) { a(x: [1, 2]) }", null)]
    [InlineData("query($w: I = [1, 2]) { a(x: [1, 2, 3]) }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("query q1($w: I = [1, 2]) { a } query q2($w: I = [1, 2]) { a }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("{ a @d(x: [1, 2, 3, 4, 5]) }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("query @d(x: [1, 2, 3, 4, 5]) { a }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("query($v: I @d(x: [1, 2, 3, 4, 5])) { a }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("{ ... on Q @d(x: [1, 2, 3, 4, 5]) { a } }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("{ ...F @d(x: [1, 2, 3, 4, 5]) } fragment F on Q { a }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("{ ...F } fragment F on Q @d(x: [1, 2, 3, 4, 5]) { a }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("{ ...F } fragment F on Q { a(x: [1, 2]) }", null)]
    [InlineData("fragment F on Q { a(x: [1, 2]) } { ...F }", null)]
    [InlineData("fragment F on Q { a(x: [1, 2]) } { ...F ...F }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("{ ...F ...F } fragment F on Q { a(x: [1, 2]) }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("{ ...A ...A } fragment A on Q { ...B } fragment B on Q { a(x: [1, 2]) }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("{ x { ...F } y { ...F } } fragment F on Q { a(x: [1, 2]) }", "DOCUMENT_TOO_MANY_INPUT_VALUES")]
    [InlineData("{ ...F ...F } fragment F on Q { a @skip(if: false) }", null)]
    [InlineData("{ ...F ...F ...F } fragment F on Q { a @skip(if: false) }", "DOCUMENT_TOO_MANY_DIRECTIVES")]
    // Input values nest at most MaxDepth levels (objects and lists), wherever they are written.
    [InlineData("{ a(x: [[[1]]]) }", null)]
    [InlineData("{ a(x: [[[[1]]]]) }", "DOCUMENT_TOO_DEEP")]
    [InlineData("{ a(x: { or: [{ or: [1] }] }) }", "DOCUMENT_TOO_DEEP")]
    [InlineData("query($w: I = { a: { b: { c: { d: 1 } } } }) { a }", "DOCUMENT_TOO_DEEP")]
    [InlineData("{ a @d(x: [[[[1]]]]) }", "DOCUMENT_TOO_DEEP")]
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

    [Fact]
    public void Variables_nest_at_most_max_depth_levels()
    {
        var document = Parser.Parse("query($w: I) { a(w: $w) }");
        var limits = new DocumentLimits(Limits);
        static Dictionary<string, object?> Nested(int levels) =>
            levels == 1 ? new() { ["eq"] = 1 } : new() { ["or"] = new List<object?> { Nested(levels - 2 < 1 ? 1 : levels - 2) } };

        Assert.Null(limits.Check(document, new Inputs(new Dictionary<string, object?> { ["w"] = Nested(3) })));
        Assert.Equal("DOCUMENT_TOO_DEEP", limits.Check(document, new Inputs(new Dictionary<string, object?> { ["w"] = Nested(5) }))?.Code);
    }
}
