using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Diecast.Api.Data;

/// <summary>
/// Stamps <c>CreatedAt</c> (new rows) and <c>UpdatedAt</c> (new and changed rows) from the injected clock as
/// SaveChanges runs, so the entity a mutation answers with carries the timestamps the database keeps. A new row that
/// already has a time keeps it (demo orders are placed in the past). The columns' <c>now()</c> defaults stay for rows
/// written outside the API, e.g. with psql.
/// </summary>
public sealed class TimestampInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    private const string CreatedAt = "CreatedAt";
    private const string UpdatedAt = "UpdatedAt";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = time.GetDatabaseUtcNow();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    StampUnset(entry, CreatedAt, now);
                    StampUnset(entry, UpdatedAt, now);
                    break;
                case EntityState.Modified when entry.Metadata.FindProperty(UpdatedAt) is not null:
                    entry.Property(UpdatedAt).CurrentValue = now;
                    break;
            }
        }
    }

    private static void StampUnset(EntityEntry entry, string property, DateTime now)
    {
        if (entry.Metadata.FindProperty(property) is not null && entry.Property(property).CurrentValue is DateTime value && value == default)
        {
            entry.Property(property).CurrentValue = now;
        }
    }
}
