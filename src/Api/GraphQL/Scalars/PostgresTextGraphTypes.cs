using GraphQL.Types;
using GraphQLParser.AST;

namespace Diecast.Api.GraphQL.Scalars;

/// <summary>
/// Text PostgreSQL can hold. <c>text</c> cannot store or compare U+0000 (it fails with 22021 once the query runs),
/// so every String and ID input refuses it where GraphQL.NET coerces inputs: literals (arguments, object fields,
/// list items, variable defaults) in validation and variables before execution, whatever field they are for, so a
/// field added later is covered too. Outputs are unchanged.
/// </summary>
internal static class PostgresText
{
    public const string NulMessage = "Text may not contain the NUL character (U+0000): PostgreSQL can neither store nor compare it.";

    public static bool CanHold(string text) => !text.Contains('\0', StringComparison.Ordinal);

    public static bool CanHold(ReadOnlySpan<char> text) => !text.Contains('\0');
}

/// <summary>The built-in <c>String</c>, refusing text PostgreSQL cannot hold (see <see cref="PostgresText"/>).</summary>
public sealed class PostgresStringGraphType : StringGraphType
{
    // The name is what replaces the built-in; GraphQL.NET would derive "PostgresString" from the class name.
    public PostgresStringGraphType() => Name = "String";

    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLStringValue text && !PostgresText.CanHold(text.Value.Span)
        ? ThrowLiteralConversionError(value, PostgresText.NulMessage)
        : base.ParseLiteral(value);

    public override bool CanParseLiteral(GraphQLValue value) =>
        base.CanParseLiteral(value) && (value is not GraphQLStringValue text || PostgresText.CanHold(text.Value.Span));

    public override object? ParseValue(object? value) => value is string text && !PostgresText.CanHold(text)
        ? throw new FormatException(PostgresText.NulMessage)
        : base.ParseValue(value);

    public override bool CanParseValue(object? value) => base.CanParseValue(value) && (value is not string text || PostgresText.CanHold(text));
}

/// <summary>The built-in <c>ID</c>, refusing text PostgreSQL cannot hold (see <see cref="PostgresText"/>).</summary>
public sealed class PostgresIdGraphType : IdGraphType
{
    public PostgresIdGraphType() => Name = "ID";

    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLStringValue text && !PostgresText.CanHold(text.Value.Span)
        ? ThrowLiteralConversionError(value, PostgresText.NulMessage)
        : base.ParseLiteral(value);

    public override bool CanParseLiteral(GraphQLValue value) =>
        base.CanParseLiteral(value) && (value is not GraphQLStringValue text || PostgresText.CanHold(text.Value.Span));

    public override object? ParseValue(object? value) => value is string text && !PostgresText.CanHold(text)
        ? throw new FormatException(PostgresText.NulMessage)
        : base.ParseValue(value);

    public override bool CanParseValue(object? value) => base.CanParseValue(value) && (value is not string text || PostgresText.CanHold(text));
}
