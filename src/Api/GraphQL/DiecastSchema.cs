using GraphQL.Types;

namespace Diecast.Api.GraphQL;

public sealed class DiecastSchema : Schema
{
    public DiecastSchema(IServiceProvider services, Query query)
        : base(services)
    {
        Description = "Diecast: the shop's catalog, journal and orders.";
        Query = query;
    }
}
