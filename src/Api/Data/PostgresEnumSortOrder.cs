using System.Collections.Concurrent;
using Diecast.GraphQL.Querying.Sorting;
using Npgsql;
using Npgsql.NameTranslation;

namespace Diecast.Api.Data;

/// <summary>
/// The order PostgreSQL sorts a native enum in: its labels' order in pg_enum (CREATE TYPE lists them
/// alphabetically here, not in C# declaration order). Read once per enum type, so cursors agree with ORDER BY.
/// </summary>
public sealed class PostgresEnumSortOrder(DatabaseConnection database) : IEnumSortOrder
{
    private static readonly NpgsqlSnakeCaseNameTranslator Names = new();
    private readonly ConcurrentDictionary<Type, IReadOnlyList<object>> _orders = new();

    // Read synchronously once per type, on an ordinary connection (the API's multiplexed ones are async-only).
    public IReadOnlyList<object> Ascending(Type enumType) => _orders.GetOrAdd(enumType, type =>
    {
        using var connection = new NpgsqlConnection(database.GetConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand("SELECT enumlabel FROM pg_enum WHERE enumtypid = to_regtype($1) ORDER BY enumsortorder", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Names.TranslateTypeName(type.Name) });
        var labels = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                labels.Add(reader.GetString(0));
            }
        }

        var byLabel = Enum.GetValues(type).Cast<object>().ToDictionary(value => Names.TranslateMemberName(value.ToString()!));
        return labels.Count == byLabel.Count
            ? [.. labels.Select(label => byLabel[label])]
            : throw new InvalidOperationException($"The PostgreSQL enum for {type.Name} does not match its values; apply the migrations.");
    });
}
