using System.Globalization;
using System.Text.RegularExpressions;

namespace Diecast.GraphQL.Server.Scalars;

/// <summary>
/// <c>DateTime</c> parsed by HotChocolate's rules (its <c>DateTimeType</c>, after the graphql-scalars.com date-time
/// spec, RFC 3339): a string <c>yyyy-MM-ddTHH:mm:ss</c> with up to seven fraction digits and a <c>Z</c> or
/// <c>±hh:mm</c> offset, in literals and variables alike. GraphQL.NET's own accepts any ISO-8601 text and reads a
/// time without an offset as UTC, which silently shifts a client's local time (5.5 hours in India); here that is an
/// invalid value. <c>-00:00</c> ("offset unknown") is refused as HotChocolate refuses it. Parsed values are UTC
/// <see cref="DateTime"/>s, the entities' type; output is GraphQL.NET's.
/// </summary>
public sealed partial class OffsetDateTimeGraphType : DateTimeGraphType
{
    public OffsetDateTimeGraphType() => Name = "DateTime";

    private const string Expected = "a date and time with an offset, e.g. 2026-03-14T09:30:00Z or 2026-03-14T15:00:00+05:30";

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue text => TryParse(text.Value.ToString(), out var parsed) ? parsed : ThrowLiteralConversionError(value, $"Expected {Expected}."),
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value, $"Expected {Expected}, as a string."),
    };

    public override bool CanParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue text => TryParse(text.Value.ToString(), out _),
        GraphQLNullValue => true,
        _ => false,
    };

    public override object? ParseValue(object? value) => value switch
    {
        string text => TryParse(text, out var parsed) ? parsed : throw new FormatException($"'{text}' is not {Expected}."),
        null => null,
        _ => ThrowValueConversionError(value),
    };

    public override bool CanParseValue(object? value) => value switch
    {
        string text => TryParse(text, out _),
        null => true,
        _ => false,
    };

    private static bool TryParse(string text, out DateTime utc)
    {
        utc = default;
        if (!Rfc3339().IsMatch(text) || text.EndsWith("-00:00", StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
