using Diecast.ClientGenerator.Diagnostics;

namespace Diecast.ClientGenerator.Tests;

/// <summary>The fixture schema and operations (Fixtures/), as the generator reads them.</summary>
internal static class Fixture
{
    public static readonly Dictionary<string, string> Scalars = new(StringComparer.Ordinal) { ["Money"] = "decimal" };

    public static SourceFile Schema { get; } = Read("Fixtures/schema.graphql");

    public static IReadOnlyList<SourceFile> Operations { get; } =
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Operations"), "*.graphql").Order(StringComparer.Ordinal).Select(f => Read(Path.GetRelativePath(AppContext.BaseDirectory, f)))];

    public static GeneratorResult Generate(params SourceFile[] operations) =>
        ClientGeneration.Generate(new GeneratorInput(Schema, operations, "FixtureClient", "Diecast.ClientGenerator.Tests.Fixtures", Scalars));

    /// <summary>Paths are kept relative, so that snapshots and messages do not depend on the machine.</summary>
    private static SourceFile Read(string relativePath) =>
        new(relativePath.Replace('\\', '/'), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relativePath)));
}
