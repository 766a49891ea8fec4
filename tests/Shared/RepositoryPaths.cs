namespace Diecast.Tests;

/// <summary>Files of the repository that tests read: found by walking up from the test binaries to Diecast.sln.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Diecast.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Diecast.sln was not found above " + AppContext.BaseDirectory);
    }
}
