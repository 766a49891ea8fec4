using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace Diecast.Api.Data;

/// <summary>
/// ASP.NET Core Data Protection's key ring (<c>data_protection_keys</c>, created by <see cref="DiecastDbContext"/>'s
/// migrations), shared by every API instance. Data Protection reads it synchronously, which a multiplexed connection
/// cannot do, so it has a context of its own on an ordinary pooled connection.
/// </summary>
public sealed class DataProtectionKeyRingContext(DbContextOptions<DataProtectionKeyRingContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
