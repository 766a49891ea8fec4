using Diecast.ClientGenerator.Diagnostics;

namespace Diecast.ClientGenerator;

/// <summary>
/// Everything one generation reads: the schema, the operation files and the client's settings; ScalarRuntimeTypes maps
/// custom scalar names to C# runtime types (Money → decimal).
/// </summary>
public sealed record GeneratorInput(
    SourceFile Schema,
    IReadOnlyList<SourceFile> Documents,
    string ClientName,
    string Namespace,
    IReadOnlyDictionary<string, string> ScalarRuntimeTypes);

/// <summary>The generated C# and trusted-documents manifest, or the diagnostics that stopped the generation.</summary>
public sealed record GeneratorResult(IReadOnlyList<GeneratorDiagnostic> Diagnostics, string? Code, string? Manifest)
{
    public bool Succeeded => Diagnostics.Count == 0;
}
