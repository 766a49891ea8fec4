using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Diecast.Api.Data;

/// <summary>
/// A feature's part of the database beyond its entity types (which <see cref="IEntityTypeConfiguration{TEntity}"/>
/// classes configure): PostgreSQL enum types and sequences. Implementations are found in the assembly, as entity type
/// configurations are, so the app, the tests and the design-time factory that <c>dotnet ef</c> uses build the same model.
/// </summary>
public interface IDataModelConfiguration
{
    /// <summary>Maps the feature's enums to PostgreSQL enum types (they exist in the model and on the connection).</summary>
    void ConfigureNpgsql(NpgsqlDbContextOptionsBuilder npgsql)
    {
    }

    /// <summary>Adds what belongs to the whole model rather than to one entity type, such as a sequence.</summary>
    void ConfigureModel(ModelBuilder modelBuilder)
    {
    }

    /// <summary>Every implementation in the API, ordered by full name so the model is built the same way each time.</summary>
    internal static IReadOnlyList<IDataModelConfiguration> All { get; } =
    [
        .. typeof(IDataModelConfiguration).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IDataModelConfiguration)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IDataModelConfiguration)Activator.CreateInstance(t, nonPublic: true)!),
    ];
}
