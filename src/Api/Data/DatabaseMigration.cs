using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Diecast.Api.Data;

/// <summary>Applies migrations the same way at start-up and from <c>database migrate</c>.</summary>
public static class DatabaseMigration
{
    /// <summary>
    /// Creates the migrations history table first, then migrates. Npgsql's migrator reads the applied migrations
    /// before EF Core creates that table, so on an empty database it logs a failed <c>SELECT … FROM
    /// "__EFMigrationsHistory"</c> at error level although nothing is wrong (https://github.com/npgsql/efcore.pg/issues/3407).
    /// Creating the table is what EF Core does next anyway, and Npgsql makes it safe for instances starting together.
    /// </summary>
    public static async Task MigrateAsync(DiecastDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
