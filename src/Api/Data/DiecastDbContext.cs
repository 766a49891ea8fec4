using Diecast.Api.Catalog;
using Diecast.Api.Journal;
using Diecast.Api.Orders;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.Data;

/// <summary>
/// The shop's database. Migrations live in Data/Migrations; add one with
/// <c>dotnet ef migrations add NAME --project src/Api --output-dir Data/Migrations</c>.
/// </summary>
public sealed class DiecastDbContext(DbContextOptions<DiecastDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderItem> OrderItems => Set<OrderItem>();

    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>(OrderConfiguration.NumberSequence).StartsAt(10001);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DiecastDbContext).Assembly);
    }
}
