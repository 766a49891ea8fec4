using Diecast.Api.Catalog;
using Diecast.Api.Journal;
using Diecast.Api.Orders;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.Data;

/// <summary>
/// The shop's database. Migrations live in Data/Migrations; add one with
/// <c>dotnet ef migrations add NAME --context DiecastDbContext --project src/Api --output-dir Data/Migrations</c>.
/// </summary>
public sealed class DiecastDbContext(DbContextOptions<DiecastDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<StockAdjustment> StockAdjustments => Set<StockAdjustment>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderItem> OrderItems => Set<OrderItem>();

    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();

    /// <summary>ASP.NET Core Data Protection's key ring; <see cref="DataProtectionKeyRingContext"/> reads and writes it.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasSequence<long>(OrderConfiguration.NumberSequence).StartsAt(10001);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DiecastDbContext).Assembly);
    }
}
