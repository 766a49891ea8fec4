using System.Linq.Expressions;
using Diecast.Api.Orders;
using Diecast.Api.Security;
using Diecast.GraphQL.Querying;
using Diecast.GraphQL.Querying.Filtering;
using Diecast.GraphQL.Querying.Sorting;
using Diecast.GraphQL.Server.Relay;

namespace Diecast.Api.Catalog;

/// <summary>StockMovementFilterInput: what admins may filter stock movements on (the product and order by global ID are arguments).</summary>
public sealed class StockMovementFilterInputGraphType : FilterInputGraphType<StockMovement>
{
    public StockMovementFilterInputGraphType()
    {
        Name = "StockMovementFilterInput";
        FilterEnum<StockMovementKindGraphType, StockMovementKind>(m => m.Kind);
        Filter(m => m.Delta);
        Filter(m => m.Actor);
        Filter(m => m.OccurredAt);
    }
}

public static class StockMovementQueries
{
    private const string ProductIdArgument = "productId";
    private const string OrderIdArgument = "orderId";

    // Ids come from one sequence, so the largest is the newest; OccurredAt can tie within a transaction.
    private static readonly Expression<Func<StockMovement, long>> Id = m => m.Id;

    public static void AddStockMovementQueries(this ObjectGraphType query) =>
        query.Connection<StockMovementGraphType, StockMovement>("stockMovements")
            .Description("Every change to stock, newest first: admins' adjustments and orders' reservations, releases, sales and restocks. Narrow it to a product or an order by global ID, and filter with `where`. Admins only.")
            .Configure(field => field.RequireAdmin())
            .Key(m => m.Id)
            .Filtering<StockMovementFilterInputGraphType>()
            .Argument<IdGraphType>(ProductIdArgument, "Only this product's movements (its global ID).")
            .Argument<IdGraphType>(OrderIdArgument, "Only this order's movements (its global ID).")
            .Refine((context, movements) =>
            {
                if (context.GetArgument<string?>(ProductIdArgument) is { } productId)
                {
                    var id = Decode(productId, ProductGraphType.TypeName, ProductIdArgument);
                    movements = movements.Where(m => m.ProductId == id);
                }

                if (context.GetArgument<string?>(OrderIdArgument) is { } orderId)
                {
                    var id = Decode(orderId, OrderGraphType.TypeName, OrderIdArgument);
                    movements = movements.Where(m => m.OrderId == id);
                }

                return new(movements, [new SortKey("id", Id, SortDirection.Descending)]);
            })
            .ResolveFromDbContext<DiecastDbContext>((db, _) => db.StockMovements);

    private static int Decode(string globalId, string typeName, string argument) =>
        NodeId.TryDecodeInt(globalId, typeName, out var id)
            ? id
            : throw new ExecutionError($"{argument} must be the ID of a {typeName.ToLowerInvariant()}.") { Code = "INVALID_NODE_ID" };
}
