using Diecast.GraphQL.Querying.Paging;
using Diecast.GraphQL.Querying.Sorting;
using static Diecast.GraphQL.Querying.Tests.Paging.CursorCodecTests;

namespace Diecast.GraphQL.Querying.Tests.Paging;

/// <summary>
/// The seek predicate, evaluated in memory against an independent sort: for every row as the cursor, the rows
/// "after" it are exactly the rows that follow it in the order, whatever the directions, ties and NULLs.
/// </summary>
public sealed class KeysetSeekTests
{
    /// <summary>Reversed declaration order, so that a comparison by underlying value would be caught.</summary>
    private sealed class ReversedEnumOrder : IEnumSortOrder
    {
        public IReadOnlyList<object> Ascending(Type enumType) => [.. Enum.GetValues(enumType).Cast<object>().Reverse()];
    }

    public static TheoryData<string> Orderings() => ["size:a", "size:d", "flag:a,size:d", "colour:a,size:a", "colour:d,flag:d", "name:d,size:a", "price:a,colour:a,flag:a,size:d"];

    [Theory]
    [MemberData(nameof(Orderings))]
    public void Rows_after_a_cursor_are_the_rows_that_follow_it(string ordering)
    {
        var random = new Random(ordering.GetHashCode(StringComparison.Ordinal));
        var rows = Enumerable.Range(1, 120).Select(id => new Row(
            id,
            random.Next(3) * 10m,
            null,
            ((char)('a' + random.Next(3))).ToString(),
            (Colour)random.Next(3),
            0,
            random.Next(2) == 1,
            random.Next(4) == 0 ? null : random.Next(3))).ToList();
        var keys = Keys(ordering);
        var enumOrder = new ReversedEnumOrder();
        var sorted = rows.Order(new RowComparer(keys, enumOrder)).ToList();

        for (var i = 0; i < sorted.Count; i++)
        {
            var values = keys.Select(k => k.Key.Compile().DynamicInvoke(sorted[i])).ToArray();
            var predicate = KeysetPager.After<Row>(keys, values, enumOrder).Compile();

            Assert.Equal(sorted[(i + 1)..], sorted.Where(predicate));
        }
    }

    private static List<SortKey> Keys(string ordering)
    {
        var keys = ordering.Split(',').Select(part =>
        {
            var direction = part.EndsWith(":d", StringComparison.Ordinal) ? SortDirection.Descending : SortDirection.Ascending;
            return part.Split(':')[0] switch
            {
                "size" => Key<Row, int?>("size", r => r.Size, direction),
                "flag" => Key<Row, bool>("flag", r => r.Flag, direction),
                "colour" => Key<Row, Colour>("colour", r => r.Colour, direction),
                "name" => Key<Row, string>("name", r => r.Name, direction),
                _ => Key<Row, decimal>("price", r => r.Price, direction),
            };
        }).ToList();
        keys.Add(Key<Row, int>("id", r => r.Id, SortDirection.Ascending));
        return keys;
    }

    /// <summary>The database's order, written independently: NULL is greatest, enums in the given order.</summary>
    private sealed class RowComparer(IReadOnlyList<SortKey> keys, IEnumSortOrder enumOrder) : IComparer<Row>
    {
        public int Compare(Row? x, Row? y)
        {
            foreach (var key in keys)
            {
                var getter = key.Key.Compile();
                var result = CompareValues(getter.DynamicInvoke(x), getter.DynamicInvoke(y));
                if (result != 0)
                {
                    return key.Direction == SortDirection.Ascending ? result : -result;
                }
            }

            return 0;
        }

        private int CompareValues(object? a, object? b) => (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            (Enum e, Enum f) => enumOrder.Ascending(e.GetType()).ToList().IndexOf(e).CompareTo(enumOrder.Ascending(f.GetType()).ToList().IndexOf(f)),
            (string s, string t) => string.CompareOrdinal(s, t),
            _ => ((IComparable)a).CompareTo(b),
        };
    }
}
