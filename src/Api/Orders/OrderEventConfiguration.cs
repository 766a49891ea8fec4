using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diecast.Api.Orders;

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> builder)
    {
        builder.ToTable("order_events");
        builder.Property(e => e.Actor).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.ActorName).HasMaxLength(120);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.Message).HasMaxLength(500);
        builder.Property(e => e.Data).HasColumnType("jsonb");
        builder.Property(e => e.OccurredAt).HasDefaultValueSql("now()");
        builder.HasIndex(e => new { e.OrderId, e.Id });
    }
}
