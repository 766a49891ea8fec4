namespace Diecast.Api.IntegrationTests.Catalog;

/// <summary>
/// <c>products(order:)</c> read to the end, page after page, and compared with the same ORDER BY in SQL. Rows with
/// equal keys come in id order, because the id always breaks ties.
/// </summary>
public sealed class ProductSortingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // PostgreSQL orders a native enum by its labels' order in CREATE TYPE, which is what both sides use here.
    public static TheoryData<string, string> EnumAndBooleanOrders => new()
    {
        { "[{ genre: ASC }]", "genre, id" },
        { "[{ genre: DESC }]", "genre DESC, id" },
        { "[{ status: ASC }, { price: ASC }]", "status, price, id" },
        { "[{ isFeatured: DESC }]", "is_featured DESC, id" },
        { "[{ isFeatured: ASC }, { price: DESC }]", "is_featured, price DESC, id" },
    };

    [Theory]
    [InlineData("[{ price: ASC }]", "price, id")]
    [InlineData("[{ price: DESC }]", "price DESC, id")]
    [InlineData("[{ name: ASC }]", "name, id")]
    [InlineData("[{ name: DESC }]", "name DESC, id")]
    [InlineData("[{ year: ASC }]", "year, id")]
    [InlineData("[{ year: DESC }]", "year DESC, id")]
    [InlineData("[{ scale: ASC }]", "scale, id")]
    [InlineData("[{ make: DESC }]", "make DESC, id")]
    public Task One_key_sorts_like_SQL(string order, string orderBy) =>
        AssertSortsAsync(order, orderBy);

    [Fact]
    public Task A_single_object_is_accepted_where_a_list_is_expected() =>
        AssertSortsAsync("{ price: DESC }", "price DESC, id");

    [Fact]
    public Task List_entries_are_applied_in_order() =>
        AssertSortsAsync("[{ brand: ASC }, { price: DESC }]", "brand, price DESC, id");

    [Fact]
    public Task The_same_keys_in_the_other_order_sort_differently() =>
        AssertSortsAsync("[{ price: DESC }, { brand: ASC }]", "price DESC, brand, id");

    [Fact]
    public Task Three_keys_are_applied_in_order() =>
        AssertSortsAsync("[{ scale: ASC }, { year: DESC }, { name: ASC }]", "scale, year DESC, name, id");

    [Fact]
    public Task One_object_with_two_fields_sorts_by_both() =>
        AssertSortsAsync("{ brand: ASC, price: DESC }", "brand, price DESC, id");

    // HotChocolate's sort visitor walks the object literal, so the fields apply in the order written.
    [Fact]
    public Task One_object_with_two_fields_sorts_by_them_in_the_order_written() =>
        AssertSortsAsync("{ price: DESC, brand: ASC }", "price DESC, brand, id");

    [Fact]
    public async Task One_object_with_two_fields_sent_as_a_variable_sorts_by_them_in_the_order_written()
    {
        using var order = JsonDocument.Parse("""{ "price": "DESC", "brand": "ASC" }""");

        Assert.Equal(await SlugsFromSqlAsync("SELECT slug FROM products ORDER BY price DESC, brand, id"), await SlugsFromGraphQLAsync("$order", orderVariable: order.RootElement));
    }

    [Theory]
    [MemberData(nameof(EnumAndBooleanOrders))]
    public async Task Enums_and_Booleans_sort_like_SQL_on_the_first_page(string order, string orderBy) =>
        Assert.Equal(await SlugsFromSqlAsync($"SELECT slug FROM products ORDER BY {orderBy} LIMIT 50"), await SlugsFromGraphQLAsync(order, maxPages: 1));

    [Theory]
    [MemberData(nameof(EnumAndBooleanOrders))]
    public Task Enums_and_Booleans_sort_like_SQL_across_pages(string order, string orderBy) =>
        AssertSortsAsync(order, orderBy);

    [Theory]
    [InlineData("[{ brand: ASC }]", "brand, id")]
    [InlineData("[{ brand: DESC }]", "brand DESC, id")]
    [InlineData("[{ scale: DESC }]", "scale DESC, id")]
    public async Task Rows_with_equal_keys_come_in_id_order(string order, string orderBy)
    {
        var ties = await ScalarAsync<long>("SELECT count(*) - count(DISTINCT brand) FROM products");
        Assert.True(ties > 0, "The demo catalog has several products per brand.");

        await AssertSortsAsync(order, orderBy);
    }

    [Fact]
    public async Task Rows_whose_keys_are_all_equal_come_in_id_order()
    {
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(DISTINCT created_at) FROM products"));

        await AssertSortsAsync("[{ createdAt: DESC }]", "id");
    }

    [Fact]
    public async Task Sorting_is_stable_across_repeated_calls()
    {
        var first = await SlugsFromGraphQLAsync("[{ brand: ASC }]");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(first, await SlugsFromGraphQLAsync("[{ brand: ASC }]"));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(25)]
    public async Task Any_page_size_gives_the_same_order(int pageSize) =>
        Assert.Equal(
            await SlugsFromSqlAsync("SELECT slug FROM products ORDER BY brand, price DESC, id"),
            await SlugsFromGraphQLAsync("[{ brand: ASC }, { price: DESC }]", pageSize));

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("[{}]")]
    public Task An_empty_order_gives_id_order(string order) =>
        AssertSortsAsync(order, "id");

    [Fact]
    public async Task No_order_gives_id_order() =>
        Assert.Equal(await SlugsFromSqlAsync("SELECT slug FROM products ORDER BY id"), await SlugsFromGraphQLAsync(order: null));

    [Fact]
    public async Task Sorting_applies_to_the_filtered_rows() =>
        Assert.Equal(
            await SlugsFromSqlAsync("SELECT slug FROM products WHERE genre = 'jdm' ORDER BY price DESC, id"),
            await SlugsFromGraphQLAsync("[{ price: DESC }]", where: "{ genre: { eq: JDM } }"));

    /// <summary>Reads the whole sorted catalog through GraphQL and compares it with the SQL ORDER BY.</summary>
    private async Task AssertSortsAsync(string order, string orderBy) =>
        Assert.Equal(await SlugsFromSqlAsync($"SELECT slug FROM products ORDER BY {orderBy}"), await SlugsFromGraphQLAsync(order));

    /// <summary>
    /// Every slug in the order the API gives, following the cursors page by page (up to maxPages). With an
    /// <paramref name="orderVariable"/>, pass "$order" as <paramref name="order"/>.
    /// </summary>
    private async Task<List<string>> SlugsFromGraphQLAsync(string? order, int pageSize = 50, string where = "null", int maxPages = int.MaxValue, JsonElement? orderVariable = null)
    {
        var orderArgument = order is null ? "" : $", order: {order}";
        var declarations = orderVariable is null ? "$after: String, $first: Int" : "$after: String, $first: Int, $order: [ProductSortInput!]";
        using var client = api.CreateClient();
        var slugs = new List<string>();
        string? after = null;
        for (var page = 1; ; page++)
        {
            var data = await client.QueryDataAsync(
                $$"""
                query({{declarations}}) {
                  products(first: $first, after: $after, where: {{where}}{{orderArgument}}) {
                    pageInfo { hasNextPage endCursor }
                    nodes { slug }
                  }
                }
                """,
                orderVariable is null ? new { after, first = pageSize } : new { after, first = pageSize, order = orderVariable });
            var products = data.GetProperty("products");
            slugs.AddRange(products.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("slug").GetString()!));
            var pageInfo = products.GetProperty("pageInfo");
            if (!pageInfo.GetProperty("hasNextPage").GetBoolean() || page == maxPages)
            {
                return slugs;
            }

            after = pageInfo.GetProperty("endCursor").GetString();
        }
    }

    /// <summary>The slugs a SQL query returns, in its order.</summary>
    private Task<List<string>> SlugsFromSqlAsync(string sql) => TestSql.StringsAsync(api.ConnectionString, sql);

    private Task<T> ScalarAsync<T>(string sql) => TestSql.ScalarAsync<T>(api.ConnectionString, sql);
}
