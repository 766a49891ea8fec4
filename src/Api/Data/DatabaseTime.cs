namespace Diecast.Api.Data;

public static class DatabaseTime
{
    /// <summary>
    /// Now, from the injected clock, truncated to the microsecond as PostgreSQL keeps timestamps (Npgsql drops the
    /// rest of a DateTime's 100 ns ticks when it writes one): what a payload shows equals every later read.
    /// </summary>
    public static DateTime GetDatabaseUtcNow(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
