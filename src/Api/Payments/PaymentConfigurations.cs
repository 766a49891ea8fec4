using Diecast.Api.Orders;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diecast.Api.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.Property(p => p.RazorpayPaymentId).HasMaxLength(40);
        builder.Property(p => p.RazorpayOrderId).HasMaxLength(40);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Method).HasMaxLength(30);
        builder.Property(p => p.ErrorCode).HasMaxLength(100);
        builder.Property(p => p.ErrorDescription).HasMaxLength(500);
        builder.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.RazorpayPaymentId).IsUnique();
        builder.HasIndex(p => p.OrderId);
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("refunds", table => table.HasCheckConstraint("ck_refunds_amount_positive", "amount > 0"));
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RazorpayPaymentId).HasMaxLength(40);
        builder.Property(r => r.RazorpayRefundId).HasMaxLength(40);
        builder.Property(r => r.Amount).HasPrecision(12, 2);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RequestedBy).HasMaxLength(120);
        builder.Property(r => r.FailureReason).HasMaxLength(500);
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.RazorpayRefundId).IsUnique();
        builder.HasIndex(r => r.OrderId);
        // Reconciliation's look for refunds still waiting on Razorpay: few rows among many settled ones.
        builder.HasIndex(r => r.UpdatedAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_refunds_pending");
    }
}

internal sealed class RazorpayWebhookDeliveryConfiguration : IEntityTypeConfiguration<RazorpayWebhookDelivery>
{
    public void Configure(EntityTypeBuilder<RazorpayWebhookDelivery> builder)
    {
        builder.ToTable("razorpay_webhook_events");
        builder.Property(d => d.EventId).HasMaxLength(100);
        builder.Property(d => d.Event).HasMaxLength(60);
        builder.Property(d => d.Outcome).HasMaxLength(500);
        builder.Property(d => d.LastError).HasMaxLength(2000);
        builder.Property(d => d.ReceivedAt).HasDefaultValueSql("now()");
        builder.HasIndex(d => d.EventId).IsUnique();
        // The worker's queue: only what is still to do.
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("processed_at IS NULL").HasDatabaseName("ix_razorpay_webhook_events_pending");
    }
}
