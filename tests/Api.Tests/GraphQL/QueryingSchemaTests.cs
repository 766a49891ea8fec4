using System.Text.RegularExpressions;
using Diecast.Api.Commands;
using Snapshooter;
using Snapshooter.Xunit;

namespace Diecast.Api.Tests.GraphQL;

/// <summary>
/// The filter, sort and connection types keep the shapes HotChocolate's default conventions give them (not its
/// compatibility mode), so a client written against a HotChocolate schema works unchanged. Each type's SDL is pinned by a snapshot; the facts that
/// clients depend on are also asserted outright.
/// </summary>
public sealed partial class QueryingSchemaTests
{
    private static readonly string Sdl = DiecastCommands.PrintSchema(SchemaTests.BuildSchema());

    [Theory]
    [InlineData("StringOperationFilterInput")]
    [InlineData("IntOperationFilterInput")]
    [InlineData("DecimalOperationFilterInput")]
    [InlineData("DateTimeOperationFilterInput")]
    [InlineData("BooleanOperationFilterInput")]
    [InlineData("GenreOperationFilterInput")]
    [InlineData("ListStringOperationFilterInput")]
    [InlineData("ProductFilterInput")]
    [InlineData("OrderFilterInput")]
    [InlineData("ListFilterInputTypeOfOrderItemFilterInput")]
    [InlineData("ProductSortInput")]
    [InlineData("SortEnumType")]
    [InlineData("ProductsConnection")]
    [InlineData("ProductsEdge")]
    [InlineData("PageInfo")]
    [InlineData("Node")]
    public void Type_SDL_is_pinned(string typeName) =>
        Snapshot.Match(TypeDefinition(typeName), SnapshotNameExtension.Create(typeName));

    [Fact]
    public void String_operations_are_HotChocolates_with_and_or_and_nullable_list_items()
    {
        Assert.Equal(
            ["and: [StringOperationFilterInput!]", "or: [StringOperationFilterInput!]", "eq: String", "neq: String", "contains: String", "ncontains: String",
             "in: [String]", "nin: [String]", "startsWith: String", "nstartsWith: String", "endsWith: String", "nendsWith: String"],
            Fields("StringOperationFilterInput"));
    }

    [Fact]
    public void Comparable_operations_are_the_twelve_without_and_or()
    {
        Assert.Equal(
            ["eq: Int", "neq: Int", "in: [Int]", "nin: [Int]", "gt: Int", "ngt: Int", "gte: Int", "ngte: Int", "lt: Int", "nlt: Int", "lte: Int", "nlte: Int"],
            Fields("IntOperationFilterInput"));
    }

    [Fact]
    public void Enum_operations_take_non_null_items_for_a_non_null_member() =>
        Assert.Equal(["eq: Genre", "neq: Genre", "in: [Genre!]", "nin: [Genre!]"], Fields("GenreOperationFilterInput"));

    [Fact]
    public void Entity_filters_start_with_and_or_and_lists_use_some_all_none_any()
    {
        Assert.Equal(["and: [ProductFilterInput!]", "or: [ProductFilterInput!]"], Fields("ProductFilterInput")[..2]);
        Assert.Contains("items: ListFilterInputTypeOfOrderItemFilterInput", Fields("OrderFilterInput"));
        Assert.Equal(
            ["all: OrderItemFilterInput", "none: OrderItemFilterInput", "some: OrderItemFilterInput", "any: Boolean"],
            Fields("ListFilterInputTypeOfOrderItemFilterInput"));
        Assert.Contains("product: ProductFilterInput", Fields("OrderItemFilterInput"));
    }

    [Fact]
    public void Connections_have_HotChocolates_names_nullability_and_argument_order()
    {
        Assert.Equal(["pageInfo: PageInfo!", "edges: [ProductsEdge!]", "nodes: [Product!]", "totalCount: Int!"], Fields("ProductsConnection"));
        Assert.Equal(["cursor: String!", "node: Product!"], Fields("ProductsEdge"));
        Assert.Equal(["hasNextPage: Boolean!", "hasPreviousPage: Boolean!", "startCursor: String", "endCursor: String"], Fields("PageInfo"));
        Assert.Matches(
            @"products\(\s*(""[^""]*""\s*)?first: Int,\s*(""[^""]*""\s*)?after: String,\s*(""[^""]*""\s*)?last: Int,\s*(""[^""]*""\s*)?before: String,\s*where: ProductFilterInput,\s*order: \[ProductSortInput!\]",
            Sdl);
        Assert.Contains("ProductsConnection", Sdl, StringComparison.Ordinal);
        Assert.Contains("JournalEntriesConnection", Sdl, StringComparison.Ordinal);
        Assert.Contains("OrdersConnection", Sdl, StringComparison.Ordinal);
    }

    [Fact]
    public void Sort_inputs_have_no_and_or_and_leave_out_lists()
    {
        var fields = Fields("ProductSortInput");

        Assert.All(fields, f => Assert.EndsWith(": SortEnumType", f, StringComparison.Ordinal));
        Assert.DoesNotContain(fields, f => f.StartsWith("and", StringComparison.Ordinal) || f.StartsWith("images", StringComparison.Ordinal));
    }

    private static string TypeDefinition(string typeName) =>
        Regex.Match(Sdl, $@"^(input|type|enum|interface) {typeName}\b[^{{]*\{{.*?^\}}", RegexOptions.Multiline | RegexOptions.Singleline) is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"{typeName} is not in the schema.");

    /// <summary>The type's fields as "name: Type", descriptions left out.</summary>
    private static List<string> Fields(string typeName) =>
        [.. TypeDefinition(typeName).Split('\n').Skip(1).Select(l => l.Trim())
            .Where(l => l.Length > 0 && l != "}" && !l.StartsWith('"'))];
}
