namespace Diecast.Api.GraphQL;

/// <summary>
/// A feature's fields on the query root. <see cref="Query"/> applies every registration in the order the features
/// were added (the order of their lines in Program.cs), which is the order of the fields in the schema.
/// </summary>
public sealed record QueryFields(Action<ObjectGraphType> AddTo);

/// <summary>A feature's fields on the mutation root, applied as <see cref="QueryFields"/> are.</summary>
public sealed record MutationFields(Action<ObjectGraphType> AddTo);

public static class RootFieldsRegistration
{
    extension(IServiceCollection services)
    {
        public IServiceCollection AddQueryFields(Action<ObjectGraphType> addTo) => services.AddSingleton(new QueryFields(addTo));

        public IServiceCollection AddMutationFields(Action<ObjectGraphType> addTo) => services.AddSingleton(new MutationFields(addTo));
    }
}
