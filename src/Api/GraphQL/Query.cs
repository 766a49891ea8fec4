using Diecast.GraphQL.Server.Relay;

namespace Diecast.Api.GraphQL;

/// <summary>The query root: node lookup, then each feature's fields (<see cref="QueryFields"/>).</summary>
public sealed class Query : ObjectGraphType
{
    public Query(IEnumerable<QueryFields> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Name = "Query";
        // REVIEW: the description names today's features; it is part of the schema contract, so it changes with it.
        Description = "Reads: the catalog, the journal, orders and global object lookup.";
        this.AddNodeQueries(DiecastSchema.LookupComplexityImpact);
        foreach (var feature in features)
        {
            feature.AddTo(this);
        }
    }
}
