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
