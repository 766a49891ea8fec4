using Diecast.GraphQL.Server.Mutations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Diecast.Api.Data;

public static class MutationSaves
{
    /// <summary>
    /// Saves <paramref name="value"/>'s changes, turning the two write failures a mutation expects into user errors:
    /// the row's version moved since it was read (a concurrent edit), or another row took <paramref name="slug"/>
    /// between the mutation's check and its write (the unique index <paramref name="slugIndex"/> decides).
    /// The payload is <paramref name="value"/> as SaveChanges left it (generated keys and version read back by the
    /// same statement), so nothing is read after the commit: a committed change is never reported as a failure.
    /// A failure mid-save that leaves the outcome unknown is a <see cref="WriteOutcomeUnknownException"/>.
    /// </summary>
    public static async Task<MutationResult> SaveOrReportAsync(
        this DbContext db, object value, string thing, Func<string> globalId, string slug, string slugIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(globalId);
        try
        {
            await WriteOutcomeUnknownException.GuardAsync(() => db.SaveChangesAsync(cancellationToken));
            return MutationResult.Success(value);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MutationResult.Conflict(thing, globalId());
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique && unique.ConstraintName == slugIndex)
        {
            return MutationResult.SlugTaken(thing, slug);
        }
    }
}
