using Diecast.Api.Catalog;
using Diecast.Api.Journal;
using Diecast.Api.Orders;
using Diecast.GraphQL.Server.Relay;
using GraphQL.Types;

namespace Diecast.Api.GraphQL;

/// <summary>The query root: a table of contents, each feature adds its own fields.</summary>
public sealed class Query : ObjectGraphType
{
    public Query()
    {
        Name = "Query";
        Description = "Reads: the catalog, the journal, orders and global object lookup.";
        this.AddNodeQueries(DiecastSchema.LookupComplexityImpact);
        this.AddCatalogQueries();
        this.AddJournalQueries();
        this.AddOrderQueries();
    }
}
