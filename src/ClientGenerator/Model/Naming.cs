using System.Text;
using System.Text.RegularExpressions;

namespace Diecast.ClientGenerator.Model;

/// <summary>C# names from GraphQL names.</summary>
public static partial class Naming
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
    /// The members of <see cref="object"/> a generated class's property of the same name would hide (CS0108): such a
    /// property is declared <c>new</c>. Finalize is not among them: C# does not count it as hidden (CS0109 with new).
    /// </summary>
    private static readonly HashSet<string> ObjectMembers =
        ["Equals", "GetHashCode", "GetType", "MemberwiseClone", "ReferenceEquals", "ToString"];

    /// <summary>
    /// The types the generated code names without qualifying them (ClientEmitter, and the scalars' C# types in
    /// ScalarMap). A generated type of one of these names would shadow it in the client's namespace, so a schema type
    /// gets a trailing _ instead and an operation or fragment is reported (DGQL0030). Generic types are not here: a
    /// type of another arity does not shadow them.
    /// </summary>
    public static readonly IReadOnlySet<string> ReferencedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ArgumentNullException", "ArgumentOutOfRangeException", "CancellationToken", "DateTimeOffset", "GraphQLClientBuilder",
        "GraphQLOperationRequest", "Guid", "IGraphQLConnection", "IServiceCollection", "JsonElement", "JsonValueKind",
        "ResponseReader", "Utf8JsonWriter",
    };

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

    /// <summary>
    /// The C# name of a schema enum or input type: Pascal-cased (a lower-case type name is a C# keyword or CS8981), with
    /// a trailing _ when the generated code could not name it: a type it uses (<see cref="ReferencedTypes"/>) would be
    /// hidden; inside a class a member of object (Equals, Finalize) hides the type; _ is a discard in the readers'
    /// switch patterns; WriteTo is the input classes' method (CS0542).
    /// </summary>
    public static string SchemaType(string graphQLName)
    {
        var name = Pascal(graphQLName);
        return ReferencedTypes.Contains(name) || ObjectMembers.Contains(name) || name is "Finalize" or "_" or "WriteTo" ? name + "_" : name;
    }

    /// <summary>Whether a property of this name in a generated class hides a member of <see cref="object"/> (and so is declared <c>new</c>).</summary>
    public static bool HidesObjectMember(string name) => ObjectMembers.Contains(name);

    /// <summary>A name as a C# identifier: class → @class.</summary>
    public static string Identifier(string name) => Keywords.Contains(name) ? "@" + name : name;

    /// <summary>Whether a name is a C# keyword (usable only with @).</summary>
    public static bool IsKeyword(string name) => Keywords.Contains(name);

    /// <summary>Whether a name can be a C# identifier as written (no @, not a keyword).</summary>
    public static bool IsIdentifier(string name) => IdentifierPattern().IsMatch(name) && !IsKeyword(name);

    /// <summary>Whether a name can be a C# namespace: identifiers separated by dots.</summary>
    public static bool IsNamespace(string name) => name.Split('.').All(IsIdentifier);

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

    [GeneratedRegex(@"^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]*$")]
    private static partial Regex IdentifierPattern();
}
