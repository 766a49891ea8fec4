using Diecast.Api.Orders;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diecast.Api.Catalog;

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> builder)
    {
        // A sale converts held units, so it is the one movement that changes nothing available.
        builder.ToTable("stock_movements", table => table.HasCheckConstraint("ck_stock_movements_delta", "delta <> 0 OR kind = 'Sale'"));
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Reason).HasMaxLength(StockAdjustmentRules.MaxReasonLength);
        builder.Property(m => m.Actor).HasMaxLength(120);
        builder.Property(m => m.OccurredAt).HasDefaultValueSql("now()");
        builder.HasOne<Product>().WithMany().HasForeignKey(m => m.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(m => m.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.ProductId, m.OccurredAt });
        builder.HasIndex(m => m.OrderId);
    }
}
