using System.Linq.Expressions;
using Diecast.GraphQL.Querying.Filtering;
using Diecast.GraphQL.Querying.Tests.Paging;

namespace Diecast.GraphQL.Querying.Tests.Filtering;

/// <summary>
/// How deep the expression built from a filter is: every consumer of it (EF Core, the SQL generator, PostgreSQL)
/// recurses on that depth, so the caller's list lengths and nesting must not decide it. Run against PostgreSQL
/// through the API in DeepFilterTests.
/// </summary>
public sealed class FilterDepthTests
{
    private sealed class RowFilterInputGraphType : FilterInputGraphType<Row>
    {
        public RowFilterInputGraphType()
        {
            Name = "RowFilterInput";
            Filter(r => r.Name);
            Filter(r => r.Price);
        }
    }

    private static readonly FilterExpressionBuilder Builder = new(OrdinalTextFilter.Instance);

    [Theory]
    [InlineData("or")]
    [InlineData("and")]
    public void A_list_of_tens_of_thousands_of_terms_builds_a_tree_as_deep_as_its_logarithm(string combination)
    {
        var filter = Object(combination, Enumerable.Range(0, 50_000).Select(i => Price("eq", i)));

        var predicate = Builder.Build<Row>(filter, new RowFilterInputGraphType())!;

        // 50,000 terms: 16 levels of AndAlso/OrElse, a comparison and its member access below them.
        Assert.InRange(Depth(predicate.Body), 16, 20);
    }

    [Fact]
    public void Operations_listed_inside_a_field_combine_as_a_balanced_tree_too()
    {
        var filter = new Dictionary<string, object?> { ["name"] = Object("or", Enumerable.Range(0, 20_000).Select(i => new Dictionary<string, object?> { ["eq"] = $"n{i}" })) };

        var predicate = Builder.Build<Row>(filter, new RowFilterInputGraphType())!;

        Assert.InRange(Depth(predicate.Body), 15, 19);
    }

    [Fact]
    public void A_balanced_or_keeps_the_meaning_of_the_chain()
    {
        var rows = Enumerable.Range(0, 100).Select(i => new Row(i, i, null, $"n{i}", Colour.Red, 0)).ToList();
        var filter = Object("or", Enumerable.Range(0, 1_000).Where(i => i % 7 == 0).Select(i => Price("eq", i)));

        var predicate = Builder.Build<Row>(filter, new RowFilterInputGraphType())!;

        Assert.Equal(Enumerable.Range(0, 100).Where(i => i % 7 == 0), rows.AsQueryable().Where(predicate).Select(r => r.Id));
    }

    [Fact]
    public void A_filter_nested_as_deep_as_allowed_builds_and_stays_shallow()
    {
        // Each `or` level is an object and a list; the innermost object and its field's operations are two more.
        var levels = (FilterExpressionBuilder.MaxNesting - 2) / 2;
        var filter = NestedOr(levels, width: 2_000);

        var predicate = Builder.Build<Row>(filter, new RowFilterInputGraphType())!;

        // Per level one OrElse tree over 2,000 entries (11 deep); the bound is per level, not per term.
        Assert.InRange(Depth(predicate.Body), levels, levels * 13);
    }

    [Theory]
    [InlineData("or")]
    [InlineData("and")]
    public void A_filter_nested_deeper_than_allowed_is_FILTER_TOO_DEEP(string combination)
    {
        var levels = (FilterExpressionBuilder.MaxNesting - 2) / 2 + 1;
        var filter = Price("eq", 1);
        for (var i = 0; i < levels; i++)
        {
            filter = Object(combination, [filter]);
        }

        var error = Assert.Throws<QueryArgumentError>(() => Builder.Build<Row>(filter, new RowFilterInputGraphType()));

        Assert.Equal("FILTER_TOO_DEEP", error.Code);
    }

    [Fact]
    public void Nesting_is_measured_without_recursion_whatever_the_depth()
    {
        var filter = Price("eq", 1);
        for (var i = 0; i < 100_000; i++)
        {
            filter = Object("or", [filter]);
        }

        Assert.Equal("FILTER_TOO_DEEP", Assert.Throws<QueryArgumentError>(() => Builder.Build<Row>(filter, new RowFilterInputGraphType())).Code);
    }

    private static Dictionary<string, object?> NestedOr(int levels, int width)
    {
        var filter = Price("eq", 1);
        for (var level = 0; level < levels; level++)
        {
            var inner = filter;
            filter = Object("or", Enumerable.Range(0, width).Select(i => i == 0 ? inner : Price("eq", i)));
        }

        return filter;
    }

    private static Dictionary<string, object?> Object(string combination, IEnumerable<Dictionary<string, object?>> entries) =>
        new() { [combination] = entries.Cast<object?>().ToList() };

    private static Dictionary<string, object?> Price(string operation, decimal value) =>
        new() { ["price"] = new Dictionary<string, object?> { [operation] = value } };

    /// <summary>The tree's depth, measured with an explicit stack so that a deep tree fails the assertion, not the test run.</summary>
    private static int Depth(Expression root)
    {
        var deepest = 0;
        var pending = new Stack<(Expression, int)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            deepest = Math.Max(deepest, depth);
            switch (node)
            {
                case BinaryExpression binary:
                    pending.Push((binary.Left, depth + 1));
                    pending.Push((binary.Right, depth + 1));
                    break;
                case UnaryExpression unary:
                    pending.Push((unary.Operand, depth + 1));
                    break;
                case MemberExpression { Expression: { } instance }:
                    pending.Push((instance, depth + 1));
                    break;
            }
        }

        return deepest;
    }
}
