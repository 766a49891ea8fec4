using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diecast.Api.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public const string NumberSequence = "order_number_seq";

    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders", table =>
        {
            table.HasCheckConstraint("ck_orders_total_is_sum", "total = subtotal + shipping_fee");
            table.HasCheckConstraint("ck_orders_amounts_not_negative", "subtotal >= 0 AND shipping_fee >= 0");
            table.HasCheckConstraint("ck_orders_money_within_total", "amount_paid >= 0 AND amount_refunded >= 0 AND amount_refunded <= amount_paid");
            table.HasCheckConstraint("ck_orders_hold_has_expiry", "reservation_status <> 'held' OR hold_expires_at IS NOT NULL");
        });

        builder.Property(o => o.Number)
            .HasMaxLength(20)
            .HasDefaultValueSql($"'DC-' || nextval('{NumberSequence}')")
            .ValueGeneratedOnAdd();
        builder.Property(o => o.CustomerName).HasMaxLength(120);
        builder.Property(o => o.CustomerEmail).HasMaxLength(254);
        builder.Property(o => o.CustomerPhone).HasMaxLength(20);
        builder.ComplexProperty(o => o.ShippingAddress, address =>
        {
            address.Property(a => a.Line1).HasMaxLength(200);
            address.Property(a => a.Line2).HasMaxLength(200);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.State).HasMaxLength(100);
            address.Property(a => a.PostalCode).HasMaxLength(10);
            address.Property(a => a.Country).HasMaxLength(2);
        });
        builder.Property(o => o.Subtotal).HasPrecision(12, 2);
        builder.Property(o => o.ShippingFee).HasPrecision(12, 2);
        builder.Property(o => o.Total).HasPrecision(12, 2);
        builder.Property(o => o.Status).HasComputedColumnSql(OrderStatuses.OverallSql, stored: true);
        builder.Property(o => o.IdempotencyKey).HasMaxLength(100);
        builder.Property(o => o.AmountPaid).HasPrecision(12, 2);
        builder.Property(o => o.AmountRefunded).HasPrecision(12, 2);
        builder.Property(o => o.RazorpayOrderId).HasMaxLength(40);
        builder.Property(o => o.RazorpayPaymentId).HasMaxLength(40);
        builder.Property(o => o.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(o => o.UpdatedAt).HasDefaultValueSql("now()");
        builder.Property(o => o.Version).IsRowVersion();

        builder.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Events).WithOne().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(o => o.Number).IsUnique();
        builder.HasIndex(o => o.RazorpayOrderId).IsUnique();
        builder.HasIndex(o => o.CustomerEmail);
        builder.HasIndex(o => new { o.Status, o.Id });
        builder.HasIndex(o => new { o.CreatedAt, o.Id });
        builder.HasIndex(o => o.IdempotencyKey).IsUnique();
        // The hold expiry's and reconciliation's queues: small partial indexes over the orders still waiting.
        builder.HasIndex(o => o.HoldExpiresAt)
            .HasFilter("hold_expires_at IS NOT NULL AND cancelled_at IS NULL AND payment_status IN ('awaiting_payment', 'failed')")
            .HasDatabaseName("ix_orders_awaiting_expiry");
        builder.HasIndex(o => o.PaymentCheckedAt)
            .HasFilter("razorpay_order_id IS NOT NULL AND payment_status IN ('awaiting_payment', 'authorized', 'failed', 'expired')")
            .HasDatabaseName("ix_orders_awaiting_reconciliation");
    }
}
