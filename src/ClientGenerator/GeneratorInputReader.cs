using System.Text.RegularExpressions;
using Diecast.ClientGenerator.Diagnostics;
using Diecast.ClientGenerator.Model;

namespace Diecast.ClientGenerator;

/// <summary>What Program.cs reads from the options file and the files it names, turned into diagnostics rather than crashes.</summary>
public static partial class GeneratorOptions
{
    /// <summary>A file's text, or null after reporting why it cannot be read (missing, a folder, no permission…).</summary>
    public static SourceFile? ReadFile(string path, List<GeneratorDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        try
        {
            return new SourceFile(path, File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new GeneratorDiagnostic(DiagnosticCodes.UnreadableFile, path, 1, 1, $"The file cannot be read: {exception.Message}"));
            return null;
        }
    }

    /// <summary>GraphQLScalar items as "Name:RuntimeType"; a scalar mapped more than once is reported.</summary>
    public static Dictionary<string, string> Scalars(IEnumerable<string> items, string schemaPath, List<GeneratorDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var scalars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parts in items.Select(s => s.Split(':', 2)).Where(p => p.Length == 2))
        {
            var (name, runtimeType) = (parts[0].Trim(), parts[1].Trim());
            if (!scalars.TryAdd(name, runtimeType))
            {
                diagnostics.Add(new GeneratorDiagnostic(DiagnosticCodes.InvalidScalarMapping, schemaPath, 1, 1,
                    $"The scalar '{name}' is mapped more than once (to '{scalars[name]}' and to '{runtimeType}'); keep one GraphQLScalar item for it."));
            }
        }

        return scalars;
    }

    /// <summary>Whether a name can be a C# identifier as written (no @, not a keyword).</summary>
    public static bool IsIdentifier(string name) => IdentifierPattern().IsMatch(name) && !Naming.IsKeyword(name);

    /// <summary>Whether a name can be a C# namespace: identifiers separated by dots.</summary>
    public static bool IsNamespace(string name) => name.Split('.').All(IsIdentifier);

    [GeneratedRegex(@"^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]*$")]
    private static partial Regex IdentifierPattern();
}
