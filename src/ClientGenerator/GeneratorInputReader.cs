using Diecast.ClientGenerator.Diagnostics;

namespace Diecast.ClientGenerator;

/// <summary>
/// Reads what the options file names (the schema, the operation files, the GraphQLScalar items) for a
/// <see cref="GeneratorInput"/>; what cannot be read becomes a diagnostic rather than a crash.
/// </summary>
public static class GeneratorInputReader
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

    /// <summary>
    /// GraphQLScalar items written "Name:RuntimeType", as a map from scalar name to runtime type; an item without a colon
    /// is skipped, a scalar mapped more than once is reported (DGQL0041) and keeps its first mapping.
    /// </summary>
    public static Dictionary<string, string> ReadScalarMappings(IEnumerable<string> items, string schemaPath, List<GeneratorDiagnostic> diagnostics)
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
}
