using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diecast.Api.Orders;

internal sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> builder)
    {
        builder.ToTable("order_items", table =>
        {
            table.HasCheckConstraint("ck_order_items_quantity_positive", "quantity > 0");
            table.HasCheckConstraint("ck_order_items_unit_price_positive", "unit_price > 0");
        });

        builder.Property(i => i.ProductName).HasMaxLength(200);
        builder.Property(i => i.UnitPrice).HasPrecision(12, 2);

        // Orders keep referring to a product for ever: products are archived, never deleted under an order.
        builder.HasOne(i => i.Product).WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.OrderId);
        builder.HasIndex(i => i.ProductId);
    }
}
