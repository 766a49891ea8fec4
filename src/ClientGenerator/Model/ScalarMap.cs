using Diecast.ClientGenerator.Diagnostics;

namespace Diecast.ClientGenerator.Model;

/// <summary>
/// GraphQL scalars to C# types: the built-in and well-known ones (StrawberryShake's names and aliases), then the
/// consumer's mappings (GraphQLScalar items), and JsonElement for any other custom scalar, which fits whatever JSON
/// the server sends.
/// </summary>
public sealed class ScalarMap
{
    private static readonly ScalarType StringType = new("string", false, "ReadString", "String");
    private static readonly ScalarType JsonType = new("JsonElement", true, "ReadJson", "Json");

    /// <summary>Runtime types a consumer may map a custom scalar to.</summary>
    private static readonly Dictionary<string, ScalarType> RuntimeTypes = new(StringComparer.Ordinal)
    {
        ["string"] = StringType,
        ["int"] = new("int", true, "ReadInt32", "Number"),
        ["long"] = new("long", true, "ReadInt64", "Number"),
        ["double"] = new("double", true, "ReadDouble", "Number"),
        ["decimal"] = new("decimal", true, "ReadDecimal", "Number"),
        ["bool"] = new("bool", true, "ReadBoolean", "Boolean"),
        ["DateTimeOffset"] = new("DateTimeOffset", true, "ReadDateTimeOffset", "String"),
        ["Guid"] = new("Guid", true, "ReadGuid", "String"),
        ["JsonElement"] = JsonType,
    };

    private static readonly Dictionary<string, ScalarType> BuiltIn = new(StringComparer.Ordinal)
    {
        ["ID"] = new("string", false, "ReadId", "String"),
        ["String"] = StringType,
        ["Int"] = RuntimeTypes["int"],
        ["Float"] = RuntimeTypes["double"],
        ["Boolean"] = RuntimeTypes["bool"],
        ["Decimal"] = RuntimeTypes["decimal"],
        ["Long"] = RuntimeTypes["long"],
        ["DateTime"] = RuntimeTypes["DateTimeOffset"],
        ["UUID"] = RuntimeTypes["Guid"],
        ["Uuid"] = RuntimeTypes["Guid"],
        ["Guid"] = RuntimeTypes["Guid"],
        ["URL"] = StringType,
        ["Uri"] = StringType,
        ["URI"] = StringType,
        ["JSON"] = JsonType,
        ["Json"] = JsonType,
    };

    private readonly Dictionary<string, ScalarType> _configured = new(StringComparer.Ordinal);

    public ScalarMap(IReadOnlyDictionary<string, string> runtimeTypes, string schemaPath, List<GeneratorDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(runtimeTypes);
        ArgumentNullException.ThrowIfNull(diagnostics);
        foreach (var (scalar, runtimeType) in runtimeTypes)
        {
            var key = runtimeType.StartsWith("System.", StringComparison.Ordinal) ? runtimeType["System.".Length..] : runtimeType;
            if (RuntimeTypes.TryGetValue(key, out var type) || RuntimeTypes.TryGetValue(key.Replace("Text.Json.", "", StringComparison.Ordinal), out type))
            {
                _configured[scalar] = type;
            }
            else
            {
                diagnostics.Add(new GeneratorDiagnostic(DiagnosticCodes.InvalidScalarMapping, schemaPath, 1, 1,
                    $"The scalar '{scalar}' is mapped to '{runtimeType}', which the client cannot read; use one of: {string.Join(", ", RuntimeTypes.Keys)}."));
            }
        }
    }

    public ScalarType this[string scalar] =>
        _configured.GetValueOrDefault(scalar) ?? BuiltIn.GetValueOrDefault(scalar) ?? JsonType;
}
