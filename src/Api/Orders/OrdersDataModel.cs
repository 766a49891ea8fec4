using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Diecast.Api.Orders;

internal sealed class OrdersDataModel : IDataModelConfiguration
{
    public void ConfigureNpgsql(NpgsqlDbContextOptionsBuilder npgsql) => npgsql
        .MapEnum<OrderStatus>()
        .MapEnum<PaymentStatus>()
        .MapEnum<FulfilmentStatus>()
        .MapEnum<ReservationStatus>();

    public void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.HasSequence<long>(OrderConfiguration.NumberSequence).StartsAt(10001);
}
