using Diecast.Api.Data.Seed;
using Diecast.Api.GraphQL;

namespace Diecast.Api.Orders;

/// <summary>Orders and their status changes. Needs the catalog: order items refer to products.</summary>
public static class OrdersFeature
{
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddQueryFields(query => query.AddOrderQueries());
        services.AddMutationFields(mutation => mutation.AddOrderMutations());
        services.AddScoped<OrderItemsByOrderIdDataLoader>();
        services.AddScoped<OrderEventsByOrderIdDataLoader>();
        services.AddScoped<OrdersByIdDataLoader>();
        services.AddSingleton<OrderStock>();
        services.AddSingleton<OrderPlacements>();
        services.AddDemoData<OrdersDemoData>();
        return services;
    }

    extension(DiecastDbContext db)
    {
        public DbSet<Order> Orders => db.Set<Order>();

        public DbSet<OrderItem> OrderItems => db.Set<OrderItem>();

        public DbSet<OrderEvent> OrderEvents => db.Set<OrderEvent>();
    }
}
