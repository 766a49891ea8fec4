using Diecast.Api.Orders;
using Diecast.Api.Security;
using Diecast.GraphQL.Querying.Projections;
using Diecast.GraphQL.Server.Relay;
using Diecast.GraphQL.Server.Resolvers;

namespace Diecast.Api.Catalog;

public sealed class StockMovementKindGraphType : EnumerationGraphType<StockMovementKind>
{
    public StockMovementKindGraphType()
    {
        Name = "StockMovementKind";
        Description = "Why stock moved: ADJUSTMENT (an admin's adjustStock), RESERVATION (an order took units), RELEASE (an unpaid order gave them back), SALE (held units became sold; stock unchanged) or RESTOCK (a refund put units back).";
    }
}

/// <summary>One change to a product's units available to sell, with why and who: the stock figure's audit trail.</summary>
public sealed class StockMovementGraphType : ObjectGraphType<StockMovement>
{
    public StockMovementGraphType()
    {
        Name = "StockMovement";
        Description = "One change to a product's stock (units available to sell): an admin's adjustment, or an order's reservation, release, sale or restock.";
        this.RequireAdmin();
        Field<NonNullGraphType<LongGraphType>>("id").Description("The movement's number; later movements have larger numbers.").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StockMovementKindGraphType>>("kind").Description("Why stock moved.").Resolve(context => context.Source.Kind);
        Field(m => m.Delta).Description("The change to stockQuantity: negative for a reservation or a removal, positive for a release, restock or addition, 0 for a sale (held units become sold).");
        Field(m => m.StockAfter).Description("stockQuantity right after this movement.");
        Field(m => m.Reason).Description("Why, in words.");
        Field(m => m.Actor).Description("Who or what: an admin's name, or checkout, expiry, razorpay, reconciliation.");
        Field(m => m.OccurredAt).Description("When (UTC).");
        Field<NonNullGraphType<IdGraphType>>("productId")
            .Description("The product's global ID.")
            .Projects(nameof(StockMovement.ProductId))
            .Resolve(context => NodeId.Encode(ProductGraphType.TypeName, context.Source.ProductId));
        Field<NonNullGraphType<ProductGraphType>>("product")
            .Description("The product whose stock moved (archived products included).")
            .Projects(nameof(StockMovement.ProductId))
            .ResolveWith((StockMovement movement, ProductsByIdDataLoader products) => products.LoadAsync(movement.ProductId));
        Field<OrderGraphType>("order")
            .Description("The order that moved the stock; null for an adjustment.")
            .Projects(nameof(StockMovement.OrderId))
            .ResolveWith((StockMovement movement, OrdersByIdDataLoader orders) => movement.OrderId is { } id ? orders.LoadAsync(id) : null);
    }
}
