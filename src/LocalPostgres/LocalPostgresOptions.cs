namespace Diecast.LocalPostgres;

/// <summary>How a private PostgreSQL cluster is laid out and tuned.</summary>
public sealed record LocalPostgresOptions
{
    /// <summary>
    /// The folder that holds the cluster (<c>cluster/</c>), its superuser password and its log.
    /// Created when missing.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// When false the cluster trades crash safety for speed (<c>fsync=off</c> and friends):
    /// right for throwaway test clusters, wrong for anything whose data matters.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>Extra <c>postgresql.conf</c> settings passed on the server's command line.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The unprivileged account that runs the server when this process is root,
    /// since PostgreSQL refuses to run as root.
    /// </summary>
    public string ServiceUser { get; init; } = "postgres";

    /// <summary>How long to wait for the server to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
