namespace Diecast.LocalPostgres;

/// <summary>
/// Finds PostgreSQL's server programs: on PATH first, else in Debian's versioned folders
/// (/usr/lib/postgresql/N/bin), which the postgresql package does not put on PATH.
/// </summary>
internal static class PostgresBinaries
{
    private static readonly string[] ServerPrograms = ["initdb", "pg_ctl", "postgres"];

    public static string Resolve(string program)
    {
        if (!ServerPrograms.Contains(program) || IsOnPath(program))
        {
            return program;
        }

        const string DebianRoot = "/usr/lib/postgresql";
        var installed = Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .Select(folder => Path.Combine(folder, "bin", program))
                .Where(File.Exists)
                .OrderByDescending(path => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return installed ?? throw new LocalPostgresException($"PostgreSQL's '{program}' is neither on PATH nor under {DebianRoot}: install the PostgreSQL server (e.g. apt-get install postgresql).");
    }

    private static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
