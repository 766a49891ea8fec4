using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diecast.Api.Catalog;

internal sealed class StockAdjustmentConfiguration : IEntityTypeConfiguration<StockAdjustment>
{
    public void Configure(EntityTypeBuilder<StockAdjustment> builder)
    {
        builder.ToTable("stock_adjustments", table => table.HasCheckConstraint("ck_stock_adjustments_delta_not_zero", "delta <> 0"));
        builder.Property(a => a.Reason).HasMaxLength(StockAdjustmentRules.MaxReasonLength);
        builder.Property(a => a.AdjustedBy).HasMaxLength(100);
        builder.Property(a => a.AdjustedAt).HasDefaultValueSql("now()");
        builder.HasOne<Product>().WithMany().HasForeignKey(a => a.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ProductId, a.AdjustedAt });
    }
}
