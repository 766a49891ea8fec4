using System.Linq.Expressions;
using Diecast.Api.Security;
using Diecast.GraphQL.Querying;
using Diecast.GraphQL.Querying.Sorting;

namespace Diecast.Api.Orders;

public static class OrderQueries
{
    private static readonly Expression<Func<Order, DateTime>> CreatedAt = o => o.CreatedAt;

    public static void AddOrderQueries(this ObjectGraphType query) =>
        query.Connection<OrderGraphType, Order>("orders")
            .Description("Every order, newest first unless ordered otherwise. Admins only.")
            .Configure(field => field.RequireAdmin())
            .Key(o => o.Id)
            .Filtering<OrderFilterInputGraphType>()
            .Sorting<OrderSortInputGraphType>()
            .Refine((_, orders) => new(orders, [new SortKey("createdAt", CreatedAt, SortDirection.Descending)]))
            // Orders are history: filtering them by product must still find products archived since.
            .ResolveFromDbContext<DiecastDbContext>((db, _) => db.Orders.IgnoreQueryFilters());
}
