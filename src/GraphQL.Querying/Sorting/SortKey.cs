using System.Linq.Expressions;
using System.Reflection;

namespace Diecast.GraphQL.Querying.Sorting;

/// <summary>One ordering key: an expression over the source and its direction. Its name identifies it in cursors.</summary>
public sealed record SortKey(string Name, LambdaExpression Key, SortDirection Direction)
{
    public SortKey Reversed() => this with { Direction = Direction == SortDirection.Ascending ? SortDirection.Descending : SortDirection.Ascending };

    public Type Type => Key.ReturnType;

    /// <summary>Applies the keys in order: OrderBy for the first, ThenBy for the rest.</summary>
    public static IQueryable<TSource> Apply<TSource>(IQueryable<TSource> source, IReadOnlyList<SortKey> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var method = (i == 0, key.Direction) switch
            {
                (true, SortDirection.Ascending) => nameof(Queryable.OrderBy),
                (true, SortDirection.Descending) => nameof(Queryable.OrderByDescending),
                (false, SortDirection.Ascending) => nameof(Queryable.ThenBy),
                _ => nameof(Queryable.ThenByDescending),
            };
            source = (IQueryable<TSource>)QueryableMethods[method].MakeGenericMethod(typeof(TSource), key.Type)
                .Invoke(null, [source, key.Key])!;
        }

        return source;
    }

    private static readonly Dictionary<string, MethodInfo> QueryableMethods = new[]
    {
        nameof(Queryable.OrderBy), nameof(Queryable.OrderByDescending), nameof(Queryable.ThenBy), nameof(Queryable.ThenByDescending),
    }.ToDictionary(name => name, name => typeof(Queryable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == 2));
}
