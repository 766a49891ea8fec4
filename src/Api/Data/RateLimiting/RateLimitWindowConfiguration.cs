using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diecast.Api.Data.RateLimiting;

internal sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> builder)
    {
        // Unlogged: counters are written on every limited request and are worthless after a crash (PostgreSQL empties
        // unlogged tables on crash recovery, which only forgives a window early), so they skip the write-ahead log.
        builder.ToTable("rate_limit_windows").IsUnlogged();
        builder.HasKey(w => w.PartitionKey);
        builder.Property(w => w.PartitionKey).HasMaxLength(300);
        builder.HasIndex(w => w.WindowStart);
    }
}
