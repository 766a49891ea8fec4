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

    /// <summary>totalCount → TotalCount.</summary>
    public static string Pascal(string name) =>
        name.StartsWith("__", StringComparison.Ordinal) || name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>A parameter or local name: first → first, Class → @class.</summary>
    public static string Camel(string name)
    {
        var camel = name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary>An enum member: MOVIE_TV → MovieTv, inStock → InStock.</summary>
    public static string EnumMember(string value)
    {
        if (!value.Contains('_', StringComparison.Ordinal) && value.Any(char.IsLower))
        {
            return Pascal(value);
        }

        var builder = new StringBuilder();
        foreach (var part in value.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(part[0])).Append(part[1..].ToLowerInvariant());
        }

        return builder.Length == 0 ? "Value" : builder.ToString();
    }
}
