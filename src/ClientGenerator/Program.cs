using Diecast.ClientGenerator;
using Diecast.ClientGenerator.Diagnostics;

// Run by build/Diecast.ClientGenerator.targets with one argument: a file of key=value lines (schema, document
// (repeated), scalar=Name:RuntimeType (repeated), clientName, namespace, output, manifest). MSBuild writes that file,
// which keeps long lists of operation files off the command line.
if (args.Length != 1 || !File.Exists(args[0]))
{
    await Console.Error.WriteLineAsync("usage: Diecast.ClientGenerator <options file>");
    return 2;
}

var options = File.ReadAllLines(args[0])
    .Where(line => line.Contains('=', StringComparison.Ordinal))
    .Select(line => (Key: line[..line.IndexOf('=', StringComparison.Ordinal)].Trim(), Value: line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim()))
    .ToList();
string Single(string key) => options.LastOrDefault(o => o.Key == key).Value ?? throw new InvalidOperationException($"The options file names no '{key}'.");
IEnumerable<string> All(string key) => options.Where(o => o.Key == key).Select(o => o.Value);

var diagnostics = new List<GeneratorDiagnostic>();
var schema = GeneratorInputReader.ReadFile(Single("schema"), diagnostics);
var documents = All("document").Distinct(StringComparer.Ordinal).Select(path => GeneratorInputReader.ReadFile(path, diagnostics)).OfType<SourceFile>().ToList();
var scalars = GeneratorInputReader.ReadScalarMappings(All("scalar"), Single("schema"), diagnostics);

var result = schema is null || diagnostics.Count > 0
    ? new GeneratorResult(diagnostics, null, null)
    : ClientGeneration.Generate(new GeneratorInput(schema, documents, Single("clientName"), Single("namespace"), scalars));

if (!result.Succeeded)
{
    foreach (var diagnostic in result.Diagnostics)
    {
        // MSBuild's Exec task turns canonical error lines into build errors naming the file and position.
        Console.WriteLine(diagnostic);
    }

    return 1;
}

WriteIfChanged(Single("output"), result.Code!);
WriteIfChanged(Single("manifest"), result.Manifest!);
return 0;

// Unchanged output is not touched and keeps its timestamp, so the compiler's own incremental checks see nothing new
// (the targets record the run in a stamp file of their own).
static void WriteIfChanged(string path, string text)
{
    if (File.Exists(path) && File.ReadAllText(path) == text)
    {
        return;
    }

    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    File.WriteAllText(path, text);
}
