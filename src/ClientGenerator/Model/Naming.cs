using System.Text;

namespace Diecast.ClientGenerator.Model;

/// <summary>C# names from GraphQL names.</summary>
public static class Naming
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    ];

    /// <summary>
    /// The prefix of the locals and parameters generated code declares next to parameters named after GraphQL variables
    /// (the JSON writer, loop and pattern variables). A variable whose name starts with it is reported (DGQL0030).
    /// </summary>
    public const string GeneratedLocalPrefix = "__";

    /// <summary>An input class's backing field for a property: Title → _title.</summary>
    public static string InputBackingField(string propertyName) => "_" + char.ToLowerInvariant(propertyName[0]) + propertyName[1..];

    /// <summary>An input class's "was set" flag for a property: Title → _titleSet.</summary>
    public static string InputSetFlag(string propertyName) => InputBackingField(propertyName) + "Set";

    /// <summary>totalCount → TotalCount.</summary>
    public static string Pascal(string name) =>
        name.StartsWith("__", StringComparison.Ordinal) || name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>Whether a name is a C# keyword (usable only with @).</summary>
    public static bool IsKeyword(string name) => Keywords.Contains(name);

    /// <summary>A parameter or local name: first → first, Class → @class.</summary>
    public static string Camel(string name)
    {
        var camel = name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary>
    /// An enum member: MOVIE_TV → MovieTv, inStock → InStock, _1_18 → _1_18, SCALE_1_18 → Scale1_18 (digits stay apart,
    /// and a name cannot start with one). Two values may still give one member (IN_STOCK, inStock): the model reports that.
    /// </summary>
    public static string EnumMember(string value)
    {
        string member;
        if (!value.Contains('_', StringComparison.Ordinal) && value.Any(char.IsLower))
        {
            member = Pascal(value);
        }
        else
        {
            var builder = new StringBuilder();
            foreach (var part in value.Split('_', StringSplitOptions.RemoveEmptyEntries))
            {
                if (builder.Length > 0 && char.IsAsciiDigit(builder[^1]) && char.IsAsciiDigit(part[0]))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToUpperInvariant(part[0])).Append(part[1..].ToLowerInvariant());
            }

            member = builder.Length == 0 ? "Value" : builder.ToString();
        }

        return char.IsAsciiDigit(member[0]) ? "_" + member : member;
    }
}
