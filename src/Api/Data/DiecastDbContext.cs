using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace Diecast.Api.Data;

/// <summary>
/// The shop's database. Migrations live in Data/Migrations; add one with
/// <c>dotnet ef migrations add NAME --context DiecastDbContext --project src/Api --output-dir Data/Migrations</c>.
/// The features bring their own parts: entity type configurations and <see cref="IDataModelConfiguration"/>s, found in
/// the assembly, and their DbSets as extension properties declared in their folders (<c>db.Products</c>).
/// </summary>
public sealed class DiecastDbContext(DbContextOptions<DiecastDbContext> options) : DbContext(options)
{
    /// <summary>ASP.NET Core Data Protection's key ring; <see cref="DataProtectionKeyRingContext"/> reads and writes it.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        foreach (var feature in IDataModelConfiguration.All)
        {
            feature.ConfigureModel(modelBuilder);
        }

        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DiecastDbContext).Assembly);
    }
}
