using Diecast.Api.GraphQL;
using Diecast.GraphQL.Server.Resolvers;

namespace Diecast.Api.Checkout;

public static class CheckoutQueries
{
    /// <summary>
    /// Order numbers are sequential, so <c>order(number:, email:)</c> is what someone who knows an email address would
    /// enumerate: it weighs as an expensive query at the default threshold (GraphQL__RateLimit__ExpensiveQueryComplexity,
    /// 2000), so each client gets GraphQL__RateLimit__ExpensiveQueriesPerWindow (30) a minute.
    /// REVIEW: a threshold raised above this weight stops limiting it.
    /// </summary>
    public const double OrderByNumberComplexityImpact = 2000;

    public static void AddCheckoutQueries(this ObjectGraphType query)
    {
        // Public: the storefront prices every cart and checkout view with it. One statement whatever the cart (at most
        // 50 lines); product fields selected below the lines batch through the catalog's loaders as anywhere else.
        query.Field<NonNullGraphType<CheckoutQuoteGraphType>>("checkoutQuote")
            .Description(
                "Prices a cart as placeOrder would now, without placing anything or holding stock: each line's price and what can be bought " +
                "(an ID that names no product, or a product already on an earlier line, is a line with issue UNAVAILABLE; a quantity above " +
                "Checkout__MaxQuantityPerLine is QUANTITY_REDUCED to it: never an error, so a cart kept in a cookie always prices), subtotal, " +
                "shipping and total. Only a cart no cookie holds (more than 50 lines, a quantity below 1, an empty ID) is an error with code INVALID_CART.")
            .WithComplexityImpact(DiecastSchema.LookupComplexityImpact)
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<PlaceOrderItemInputGraphType>>>>("items", "The cart's lines, as placeOrder takes them.")
            .ResolveAsync(async context =>
            {
                await using var dependencies = new ResolverDependencies(context);
                return await dependencies.Get<CheckoutQuotes>().QuoteAsync(
                    dependencies.Get<DiecastDbContext>(), context.GetArgument<List<PlaceOrderItemInput>>("items") ?? [], context.CancellationToken);
            });

        query.Field<CustomerOrderGraphType>("orderByToken")
            .Description("The order a customer's order token opens (from placeOrder), or null. Every token that does not open an order, tampered or not, answers null alike.")
            .WithComplexityImpact(DiecastSchema.LookupComplexityImpact)
            .Argument<NonNullGraphType<StringGraphType>>("token", "The orderToken placeOrder returned.")
            .ResolveAsync(async context =>
            {
                await using var dependencies = new ResolverDependencies(context);
                return await dependencies.Get<CustomerOrders>().FindByTokenAsync(dependencies.Get<DiecastDbContext>(), context.GetArgument<string>("token"), context.CancellationToken);
            });

        query.Field<CustomerOrderGraphType>("order")
            .Description(
                "The order with this number, if `email` is its customer's (spaces around and letter case ignored), or null: a wrong email and an unknown " +
                "number answer alike. Rate limited as an expensive query.")
            .WithComplexityImpact(OrderByNumberComplexityImpact)
            .Argument<NonNullGraphType<StringGraphType>>("number", "The order number, e.g. DC-10042.")
            .Argument<NonNullGraphType<StringGraphType>>("email", "The email the order was placed with.")
            .ResolveAsync(async context =>
            {
                await using var dependencies = new ResolverDependencies(context);
                return await dependencies.Get<CustomerOrders>().FindByNumberAsync(
                    dependencies.Get<DiecastDbContext>(), context.GetArgument<string>("number"), context.GetArgument<string>("email"), context.CancellationToken);
            });
    }
}
