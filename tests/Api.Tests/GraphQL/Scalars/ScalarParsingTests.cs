using Diecast.GraphQL.Server.Scalars;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Diecast.Api.Tests.GraphQL.Scalars;

/// <summary>
/// Every scalar the schema has parses inputs as HotChocolate's does: what kind of literal or variable value each
/// takes, checked on the types the schema really uses.
/// </summary>
public sealed class ScalarParsingTests
{
    private static readonly ISchema Schema = SchemaTests.BuildSchema();

    [Theory]
    [InlineData("String", typeof(PostgresStringGraphType))]
    [InlineData("ID", typeof(PostgresIdGraphType))]
    [InlineData("DateTime", typeof(OffsetDateTimeGraphType))]
    public void The_schema_uses_our_scalars_under_the_built_in_names(string name, Type type) =>
        Assert.IsType(type, Schema.AllTypes[name]);

    public static TheoryData<string, string> RefusedLiterals => new()
    {
        // HotChocolate: String and ID take strings (ID also integers); Int, Long and Decimal numbers, never strings;
        // Int and Long no fractions; Boolean only true/false; DateTime strings only. (The schema has no Float.)
        { "String", "1" },
        { "String", "true" },
        { "ID", "1.5" },
        { "ID", "true" },
        { "Int", "\"1\"" },
        { "Int", "1.5" },
        { "Int", "2147483648" },
        { "Long", "\"1\"" },
        { "Long", "1.5" },
        { "Long", "9223372036854775808" },
        { "Decimal", "\"1999.50\"" },
        { "Decimal", "true" },
        { "Boolean", "\"true\"" },
        { "Boolean", "1" },
        { "DateTime", "1773480600" },
        { "DateTime", "\"2026-03-14T09:30:00\"" },
    };

    [Theory]
    [MemberData(nameof(RefusedLiterals))]
    public void A_literal_of_the_wrong_kind_is_refused(string scalar, string literal)
    {
        var type = (ScalarGraphType)Schema.AllTypes[scalar]!;

        Assert.False(type.CanParseLiteral(Literal(literal)), $"{scalar} should refuse {literal}");
    }

    public static TheoryData<string, string> AcceptedLiterals => new()
    {
        { "String", "\"a\"" },
        { "ID", "\"UHJvZHVjdDox\"" },
        { "ID", "1" },
        { "Int", "-2147483648" },
        { "Long", "9223372036854775807" },
        { "Decimal", "1999.50" },
        { "Decimal", "1999" },
        { "Boolean", "false" },
        { "DateTime", "\"2026-03-14T09:30:00.1234567+05:30\"" },
    };

    [Theory]
    [MemberData(nameof(AcceptedLiterals))]
    public void A_literal_of_the_right_kind_is_accepted(string scalar, string literal)
    {
        var type = (ScalarGraphType)Schema.AllTypes[scalar]!;

        Assert.True(type.CanParseLiteral(Literal(literal)), $"{scalar} should accept {literal}");
    }

    // Variables arrive as System.Text.Json reads them: strings, longs, doubles, decimals, booleans.
    public static TheoryData<string, object> RefusedVariables => new()
    {
        { "String", 1 },
        { "Int", "1" },
        { "Int", 1.5 },
        { "Long", "1" },
        { "Long", 1.5 },
        { "Decimal", "1999.50" },
        { "Decimal", true },
        { "Boolean", "true" },
        { "Boolean", 1 },
        { "DateTime", 1773480600L },
        { "DateTime", "2026-03-14T09:30:00" },
    };

    [Theory]
    [MemberData(nameof(RefusedVariables))]
    public void A_variable_of_the_wrong_kind_is_refused(string scalar, object value)
    {
        var type = (ScalarGraphType)Schema.AllTypes[scalar]!;

        Assert.False(type.CanParseValue(value), $"{scalar} should refuse {value} ({value.GetType().Name})");
    }

    [Fact]
    public void A_time_with_an_offset_parses_to_the_instant_in_UTC()
    {
        var parsed = Assert.IsType<DateTime>(((ScalarGraphType)Schema.AllTypes["DateTime"]!).ParseValue("2026-03-14T15:00:00+05:30"));

        Assert.Equal(new DateTime(2026, 3, 14, 9, 30, 0, DateTimeKind.Utc), parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.Kind);
    }

    private static GraphQLValue Literal(string text)
    {
        var document = GraphQLParser.Parser.Parse($"{{ f(a: {text}) }}");
        var operation = (GraphQLOperationDefinition)document.Definitions[0];
        var field = (GraphQLField)operation.SelectionSet.Selections[0];
        return field.Arguments![0].Value;
    }
}
