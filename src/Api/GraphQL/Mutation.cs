namespace Diecast.Api.GraphQL;

/// <summary>The mutation root: each feature's fields (<see cref="MutationFields"/>), in HotChocolate's mutation conventions.</summary>
public sealed class Mutation : ObjectGraphType
{
    public Mutation(IEnumerable<MutationFields> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Name = "Mutation";
        // REVIEW: as Query's, the description names today's features.
        Description = "Writes: the admins' catalog, journal and order changes.";
        foreach (var feature in features)
        {
            feature.AddTo(this);
        }
    }
}
