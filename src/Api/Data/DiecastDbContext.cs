using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

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

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampUpdatedAt();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampUpdatedAt();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>Every changed row records when it changed; new rows get the database's now().</summary>
    private void StampUpdatedAt()
    {
        var now = DateTime.UtcNow;
        foreach (var entry in ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
        {
            if (entry.Metadata.FindProperty("UpdatedAt") is not null)
            {
                entry.Property("UpdatedAt").CurrentValue = now;
            }
        }
    }

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
