using Diecast.GraphQL.Server.Scalars;

namespace Diecast.Api.GraphQL;

public sealed class DiecastSchema : Schema
{
    public const double IntrospectionComplexityImpact = 0.005;

    /// <summary>
    /// A single-object lookup costs a database round trip, so it weighs as much as a hundred plain fields: a document
    /// of aliased lookups stops at 250 (the complexity limit), and past 20 it counts as expensive for the rate limiter.
    /// </summary>
    public const double LookupComplexityImpact = 100;

    public DiecastSchema(IServiceProvider services, Query query, Mutation mutation)
        : base(services)
    {
        // REVIEW: as Query's, the description names today's features.
        Description = "Diecast: the shop's catalog, journal and orders.";
        Query = query;
        Mutation = mutation;
        // Registered under the built-in names, these replace GraphQL.NET's scalars everywhere they are used (and must be
        // registered before anything reads the schema's types, which initializes it).
        RegisterType(new PostgresStringGraphType());
        RegisterType(new PostgresIdGraphType());
        RegisterType(new OffsetDateTimeGraphType());
        // Banana Cake Pop and graphql-js probe for __Directive.isRepeatable and use it when it is there.
        Features.RepeatableDirectives = true;
        // Introspection is answered from memory, so it weighs little against the complexity limit: one full
        // introspection (what an IDE sends) fits, while a document that repeats it under aliases does not.
        this.WithIntrospectionComplexityImpact(IntrospectionComplexityImpact);
    }
}
