namespace Diecast.Api.Data;

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending migrations when the API starts. On by default in Development only.</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Seed the demo catalog, journal and orders into an empty database when the API starts.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// Where the private PostgreSQL cluster lives when no connection string is configured; a relative path
    /// means the working folder (the repository root when started as the README says).
    /// </summary>
    public string LocalDirectory { get; set; } = ".data/postgres";
}
