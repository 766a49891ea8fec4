using Diecast.GraphQL.Querying.Filtering;
using Diecast.GraphQL.Querying.Tests.Paging;

namespace Diecast.GraphQL.Querying.Tests.Filtering;

/// <summary>The filter semantics on LINQ-to-Objects; translation to SQL is tested against PostgreSQL in the Api's tests.</summary>
public sealed class FilterExpressionBuilderTests
{
    private sealed class RowFilterInputGraphType : FilterInputGraphType<Row>
    {
        public RowFilterInputGraphType()
        {
            Name = "RowFilterInput";
            Filter(r => r.Name);
            Filter(r => r.Price);
            Filter(r => r.Size);
            Filter(r => r.Flag);
        }
    }

    private static readonly List<Row> Rows =
    [
        new(1, 10m, null, "alpha", Colour.Red, 0, Flag: true, Size: 1),
        new(2, 20m, null, "beta", Colour.Green, 0, Flag: false, Size: null),
        new(3, 30m, null, "gamma", Colour.Blue, 0, Flag: true, Size: 3),
    ];

    private static readonly FilterExpressionBuilder Builder = new(OrdinalTextFilter.Instance);

    [Theory]
    [InlineData("price", "gt", 10, new[] { 2, 3 })]
    [InlineData("price", "ngt", 20, new[] { 1, 2 })]
    [InlineData("price", "lte", 20, new[] { 1, 2 })]
    [InlineData("name", "startsWith", "g", new[] { 3 })]
    [InlineData("name", "ncontains", "a", new int[0])]
    [InlineData("flag", "eq", true, new[] { 1, 3 })]
    [InlineData("size", "eq", null, new[] { 2 })]
    [InlineData("size", "neq", null, new[] { 1, 3 })]
    [InlineData("size", "gte", 1, new[] { 1, 3 })]
    public void Operations_select_the_right_rows(string field, string operation, object? value, int[] expected) =>
        Assert.Equal(expected, Apply(new() { [field] = new Dictionary<string, object?> { [operation] = value } }));

    [Fact]
    public void In_and_or_combine()
    {
        var filter = new Dictionary<string, object?>
        {
            ["or"] = new List<object?>
            {
                new Dictionary<string, object?> { ["name"] = new Dictionary<string, object?> { ["in"] = new List<object?> { "alpha" } } },
                new Dictionary<string, object?> { ["price"] = new Dictionary<string, object?> { ["gt"] = 25m } },
            },
        };

        Assert.Equal([1, 3], Apply(filter));
    }

    // As HotChocolate: only a member that can hold null (Size is int?) may be compared with null, and only by
    // eq/neq/in/nin; a field given null asks nothing, so it is refused too.
    [Theory]
    [InlineData("price", "gt")]
    [InlineData("size", "gt")]
    [InlineData("price", "eq")]
    [InlineData("price", "neq")]
    [InlineData("name", "eq")]
    [InlineData("name", "neq")]
    [InlineData("name", "contains")]
    [InlineData("flag", "eq")]
    [InlineData("size", "in")]
    public void Null_where_a_value_is_needed_is_HC0026(string field, string operation)
    {
        var error = Assert.Throws<QueryArgumentError>(() => Apply(new() { [field] = new Dictionary<string, object?> { [operation] = null } }));

        Assert.Equal("HC0026", error.Code);
    }

    [Theory]
    [InlineData("name", "in")]
    [InlineData("name", "nin")]
    [InlineData("price", "in")]
    public void A_null_item_in_a_list_for_a_member_that_cannot_be_null_is_HC0026(string field, string operation)
    {
        var error = Assert.Throws<QueryArgumentError>(() => Apply(new() { [field] = new Dictionary<string, object?> { [operation] = new List<object?> { null } } }));

        Assert.Equal("HC0026", error.Code);
    }

    [Fact]
    public void A_null_item_in_a_list_for_a_nullable_member_matches_the_nulls() =>
        Assert.Equal([2, 3], Apply(new() { ["size"] = new Dictionary<string, object?> { ["in"] = new List<object?> { null, 3 } } }));

    [Fact]
    public void A_field_given_null_is_HC0026_and_a_null_combinator_adds_nothing()
    {
        Assert.Equal("HC0026", Assert.Throws<QueryArgumentError>(() => Apply(new() { ["size"] = null })).Code);
        Assert.Equal([1, 2, 3], Apply(new() { ["and"] = null, ["or"] = null }));
    }

    [Fact]
    public void An_empty_filter_keeps_every_row() => Assert.Equal([1, 2, 3], Apply([]));

    private static int[] Apply(Dictionary<string, object?> filter)
    {
        var predicate = Builder.Build<Row>(filter, new RowFilterInputGraphType());
        return [.. (predicate is null ? Rows.AsQueryable() : Rows.AsQueryable().Where(predicate)).Select(r => r.Id)];
    }
}
