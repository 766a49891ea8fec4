namespace Diecast.GraphQL.Server.Scalars;

/// <summary>
/// Text PostgreSQL can hold. <c>text</c> cannot store or compare U+0000 (it fails with 22021 once the query runs), and
/// an unpaired UTF-16 surrogate, which a GraphQL string may escape (<c>"\ud800"</c>), has no UTF-8 form to send it
/// in. So every String and ID input refuses both where GraphQL.NET coerces inputs: literals (arguments, object
/// fields, list items, variable defaults) in validation and variables before execution, whatever field they are
/// for, so a field added later is covered too. Outputs are unchanged.
/// </summary>
internal static class PostgresText
{
    public const string Message = "Text may not contain the NUL character (U+0000) or an unpaired surrogate: PostgreSQL can neither store nor compare them.";

    /// <summary>A string literal PostgreSQL cannot hold; other literals are left to the scalar.</summary>
    public static bool Refuses(GraphQLValue value) => value is GraphQLStringValue text && !CanHold(text.Value.Span);

    /// <summary>A string (a variable's value) PostgreSQL cannot hold; other values are left to the scalar.</summary>
    public static bool Refuses(object? value) => value is string text && !CanHold(text.AsSpan());

    public static bool CanHold(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return !text.Contains('\0');
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The built-in <c>String</c>, refusing text PostgreSQL cannot hold (see <see cref="PostgresText"/>).</summary>
public sealed class PostgresStringGraphType : StringGraphType
{
    // The name is what replaces the built-in; GraphQL.NET would derive "PostgresString" from the class name.
    public PostgresStringGraphType() => Name = "String";

    public override object? ParseLiteral(GraphQLValue value) =>
        PostgresText.Refuses(value) ? ThrowLiteralConversionError(value, PostgresText.Message) : base.ParseLiteral(value);

    public override bool CanParseLiteral(GraphQLValue value) => base.CanParseLiteral(value) && !PostgresText.Refuses(value);

    public override object? ParseValue(object? value) => PostgresText.Refuses(value) ? throw new FormatException(PostgresText.Message) : base.ParseValue(value);

    public override bool CanParseValue(object? value) => base.CanParseValue(value) && !PostgresText.Refuses(value);
}

/// <summary>The built-in <c>ID</c>, refusing text PostgreSQL cannot hold (see <see cref="PostgresText"/>).</summary>
public sealed class PostgresIdGraphType : IdGraphType
{
    public PostgresIdGraphType() => Name = "ID";

    public override object? ParseLiteral(GraphQLValue value) =>
        PostgresText.Refuses(value) ? ThrowLiteralConversionError(value, PostgresText.Message) : base.ParseLiteral(value);

    public override bool CanParseLiteral(GraphQLValue value) => base.CanParseLiteral(value) && !PostgresText.Refuses(value);

    public override object? ParseValue(object? value) => PostgresText.Refuses(value) ? throw new FormatException(PostgresText.Message) : base.ParseValue(value);

    public override bool CanParseValue(object? value) => base.CanParseValue(value) && !PostgresText.Refuses(value);
}
