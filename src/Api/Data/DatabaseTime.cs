namespace Diecast.Api.Data;

public static class DatabaseTime
{
    /// <summary>Now, to the microsecond, as PostgreSQL keeps timestamps: what a payload shows equals every later read.</summary>
    public static DateTime UtcNow()
    {
        var now = DateTime.UtcNow;
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }
}
