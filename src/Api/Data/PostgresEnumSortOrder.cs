using System.Collections.Concurrent;
using Diecast.GraphQL.Querying.Sorting;
using Microsoft.EntityFrameworkCore;
using Npgsql.NameTranslation;

namespace Diecast.Api.Data;

/// <summary>
/// The order PostgreSQL sorts a native enum in: its labels' order in pg_enum (CREATE TYPE lists them
/// alphabetically here, not in C# declaration order). Read once per enum type, so cursors agree with ORDER BY.
/// </summary>
public sealed class PostgresEnumSortOrder(IDbContextFactory<DiecastDbContext> contextFactory) : IEnumSortOrder
{
    private static readonly NpgsqlSnakeCaseNameTranslator Names = new();
    private readonly ConcurrentDictionary<Type, IReadOnlyList<object>> _orders = new();

    public IReadOnlyList<object> Ascending(Type enumType) => _orders.GetOrAdd(enumType, type =>
    {
        using var db = contextFactory.CreateDbContext();
        var labels = db.Database
            .SqlQuery<string>($"SELECT enumlabel AS \"Value\" FROM pg_enum WHERE enumtypid = to_regtype({Names.TranslateTypeName(type.Name)}) ORDER BY enumsortorder")
            .ToList();
        var byLabel = Enum.GetValues(type).Cast<object>().ToDictionary(value => Names.TranslateMemberName(value.ToString()!));
        return labels.Count == byLabel.Count
            ? [.. labels.Select(label => byLabel[label])]
            : throw new InvalidOperationException($"The PostgreSQL enum for {type.Name} does not match its values; apply the migrations.");
    });
}
