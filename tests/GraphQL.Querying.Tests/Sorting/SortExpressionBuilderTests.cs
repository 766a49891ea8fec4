using Diecast.GraphQL.Querying.Sorting;
using Diecast.GraphQL.Querying.Tests.Paging;

namespace Diecast.GraphQL.Querying.Tests.Sorting;

public sealed class SortExpressionBuilderTests
{
    private sealed class RowSortInputGraphType : SortInputGraphType<Row>
    {
        public RowSortInputGraphType()
        {
            Name = "RowSortInput";
            Sort(r => r.Price);
            Sort(r => r.Name);
        }
    }

    [Fact]
    public void Keys_follow_the_written_order()
    {
        var keys = SortExpressionBuilder.Build<Row>(Order(("name", SortDirection.Descending), ("price", SortDirection.Ascending)), new RowSortInputGraphType());

        Assert.Equal(["name", "price"], keys.Select(k => k.Name));
        Assert.Equal(SortDirection.Descending, keys[0].Direction);
    }

    [Fact]
    public void A_key_repeated_thousands_of_times_counts_once_in_its_first_place()
    {
        // Each key becomes a ThenBy and a step of the cursor predicate, so a list's length must not decide their depth.
        var order = Order([.. Enumerable.Range(0, 5_000).Select(i => (i % 2 == 0 ? "price" : "name", i % 3 == 0 ? SortDirection.Descending : SortDirection.Ascending))]);

        var keys = SortExpressionBuilder.Build<Row>(order, new RowSortInputGraphType());

        Assert.Equal(["price", "name"], keys.Select(k => k.Name));
        Assert.Equal([SortDirection.Descending, SortDirection.Ascending], keys.Select(k => k.Direction));
    }

    private static List<object?> Order(params (string Field, SortDirection Direction)[] keys) =>
        [.. keys.Select(k => (object?)new Dictionary<string, object?> { [k.Field] = k.Direction })];
}
