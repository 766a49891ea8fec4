namespace Diecast.Api.IntegrationTests.Catalog;

/// <summary>Relay cursor paging over keyset cursors, with HotChocolate's defaults and errors.</summary>
public sealed class ProductPagingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string PageQuery = """
        query Page($first: Int, $after: String, $last: Int, $before: String, $order: [ProductSortInput!]) {
          products(first: $first, after: $after, last: $last, before: $before, order: $order) {
            edges { cursor node { slug } }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }
        """;

    [Fact]
    public async Task Without_first_or_last_a_page_has_ten_items()
    {
        using var client = api.CreateClient();
        var data = await client.QueryDataAsync("{ products { nodes { slug } } }");

        Assert.Equal(10, data.GetProperty("products").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Paging_forwards_visits_every_row_once_in_order_even_with_equal_sort_keys()
    {
        // Many products share a brand, so the id must break the ties.
        var expected = await SlugsAsync("SELECT slug FROM products ORDER BY brand, id");
        using var client = api.CreateClient();

        var seen = new List<string>();
        string? after = null;
        bool hasNext;
        var pages = 0;
        do
        {
            var page = (await client.QueryDataAsync(PageQuery, new { first = 7, after, order = new[] { new { brand = "ASC" } } })).GetProperty("products");
            seen.AddRange(Slugs(page));
            hasNext = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
            Assert.Equal(after is not null, page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
            pages++;
        }
        while (hasNext);

        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + 6) / 7, pages);
    }

    [Fact]
    public async Task Paging_backwards_visits_every_row_once_in_order()
    {
        var expected = await SlugsAsync("SELECT slug FROM products ORDER BY price DESC, id");
        using var client = api.CreateClient();

        var seen = new List<string>();
        string? before = null;
        bool hasPrevious;
        do
        {
            var page = (await client.QueryDataAsync(PageQuery, new { last = 9, before, order = new[] { new { price = "DESC" } } })).GetProperty("products");
            seen.InsertRange(0, Slugs(page));
            hasPrevious = page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean();
            Assert.Equal(before is not null, page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
            before = page.GetProperty("pageInfo").GetProperty("startCursor").GetString();
        }
        while (hasPrevious);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Edge_cursors_resume_right_after_their_edge_in_both_directions()
    {
        var expected = await SlugsAsync("SELECT slug FROM products ORDER BY year DESC, id");
        using var client = api.CreateClient();
        var order = new[] { new { year = "DESC" } };
        var first = (await client.QueryDataAsync(PageQuery, new { first = 20, order })).GetProperty("products");
        var fifth = first.GetProperty("edges")[4].GetProperty("cursor").GetString();

        var after = (await client.QueryDataAsync(PageQuery, new { first = 3, after = fifth, order })).GetProperty("products");
        var before = (await client.QueryDataAsync(PageQuery, new { last = 3, before = fifth, order })).GetProperty("products");

        Assert.Equal(expected[5..8], Slugs(after));
        Assert.Equal(expected[1..4], Slugs(before));
    }

    [Fact]
    public async Task A_cursor_stays_correct_while_rows_are_inserted_and_deleted()
    {
        using var client = api.CreateClient();
        var order = new[] { new { price = "ASC" } };
        var firstPage = (await client.QueryDataAsync(PageQuery, new { first = 10, order })).GetProperty("products");
        var endCursor = firstPage.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var expectedBefore = await SlugsAsync("SELECT slug FROM products ORDER BY price, id");

        // A cheaper product appears before the cursor, the next product after it is deleted, a dearer one is added.
        await ExecuteAsync(InsertProductSql("cheap-new-arrival", 1.00m));
        await ExecuteAsync(InsertProductSql("dear-new-arrival", 99_999.00m));
        await ExecuteAsync($"DELETE FROM products WHERE slug = '{expectedBefore[10]}'");

        var secondPage = (await client.QueryDataAsync(PageQuery, new { first = 10, after = endCursor, order })).GetProperty("products");

        Assert.Equal(expectedBefore[11..21], Slugs(secondPage));
        Assert.DoesNotContain("cheap-new-arrival", Slugs(secondPage));
    }

    [Fact]
    public async Task More_than_fifty_items_a_page_is_HotChocolates_HC0051()
    {
        using var client = api.CreateClient();
        var (response, body) = await client.PostGraphQLAsync("{ products(first: 51) { nodes { slug } } }");
        var extensions = body.GetProperty("errors")[0].GetProperty("extensions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("HC0051", extensions.GetProperty("code").GetString());
        Assert.Equal("Query.products", extensions.GetProperty("fieldCoordinate").GetString());
        Assert.Equal(51, extensions.GetProperty("requestedItems").GetInt32());
        Assert.Equal(50, extensions.GetProperty("maxAllowedItems").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("products").ValueKind);
    }

    [Theory]
    [InlineData("{ products(first: 5, last: 5) { nodes { slug } } }", "HC0082")]
    [InlineData("{ products(first: -1) { nodes { slug } } }", "HC0079")]
    [InlineData("{ products(last: -1) { nodes { slug } } }", "HC0079")]
    [InlineData("{ products(first: 0, last: 0) { nodes { slug } } }", "HC0082")]
    [InlineData("{ products(last: 51) { nodes { slug } } }", "HC0051")]
    [InlineData("{ products(after: \"not-a-cursor\") { nodes { slug } } }", "HC0078")]
    [InlineData("{ products(before: \"\") { nodes { slug } } }", "HC0078")]
    public async Task Invalid_paging_arguments_are_field_errors(string query, string code)
    {
        using var client = api.CreateClient();
        var (response, body) = await client.PostGraphQLAsync(query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(code, body.FirstErrorCode());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("products").ValueKind);
    }

    // Relay's algorithm, as HotChocolate runs it by fetching one row more than the page: hasNextPage going forwards
    // and hasPreviousPage going backwards say whether rows lie beyond the page within the cursors, page size 0
    // included; the other flag says whether a cursor was given on that side.
    [Theory]
    [InlineData("first", 0, true)]
    [InlineData("first", 1, true)]
    [InlineData("first", -1, true)]
    [InlineData("first", 0, false)]
    [InlineData("last", 0, true)]
    [InlineData("last", 1, true)]
    [InlineData("last", -1, true)]
    [InlineData("last", 0, false)]
    public async Task Page_info_follows_the_Relay_algorithm_at_every_page_size_edge(string direction, int sizeFromEnd, bool rowsExist)
    {
        // sizeFromEnd: 0 asks for no rows, 1 for exactly all of them, -1 for all but one.
        var brand = rowsExist ? "AutoArt" : "No Such Maker";
        var all = await SlugsAsync($"SELECT slug FROM products WHERE brand = '{brand}' ORDER BY price, id");
        var size = sizeFromEnd switch { 0 => 0, 1 => all.Count, _ => all.Count - 1 };
        Assert.True(size >= 0 && size <= 50);
        using var client = api.CreateClient();

        var page = await PageAsync(client, brand, direction == "first" ? new { first = size } : new { last = size });

        var expected = direction == "first" ? all[..size] : all[(all.Count - size)..];
        var more = size < all.Count;
        Assert.Equal(expected, Slugs(page));
        Assert.Equal(direction == "first" && more, page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(direction == "last" && more, page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(size == 0, page.GetProperty("pageInfo").GetProperty("startCursor").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task An_empty_page_between_cursors_still_tells_what_lies_beyond_it()
    {
        var all = await SlugsAsync("SELECT slug FROM products WHERE brand = 'AutoArt' ORDER BY price, id");
        using var client = api.CreateClient();
        var cursors = (await PageAsync(client, "AutoArt", new { first = 50 })).GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("cursor").GetString()).ToList();

        var afterLast = (await PageAsync(client, "AutoArt", new { first = 0, after = cursors[^1] })).GetProperty("pageInfo");
        var afterSecondLast = (await PageAsync(client, "AutoArt", new { first = 0, after = cursors[^2] })).GetProperty("pageInfo");
        var beforeFirst = (await PageAsync(client, "AutoArt", new { last = 0, before = cursors[0] })).GetProperty("pageInfo");
        var beforeSecond = (await PageAsync(client, "AutoArt", new { last = 0, before = cursors[1] })).GetProperty("pageInfo");

        Assert.Equal(all.Count, cursors.Count);
        Assert.False(afterLast.GetProperty("hasNextPage").GetBoolean());
        Assert.True(afterLast.GetProperty("hasPreviousPage").GetBoolean());
        Assert.True(afterSecondLast.GetProperty("hasNextPage").GetBoolean());
        Assert.False(beforeFirst.GetProperty("hasPreviousPage").GetBoolean());
        Assert.True(beforeFirst.GetProperty("hasNextPage").GetBoolean());
        Assert.True(beforeSecond.GetProperty("hasPreviousPage").GetBoolean());
    }

    [Fact]
    public async Task First_with_before_and_last_with_after_page_within_the_cursors()
    {
        var all = await SlugsAsync("SELECT slug FROM products WHERE brand = 'AutoArt' ORDER BY price, id");
        Assert.True(all.Count >= 6);
        using var client = api.CreateClient();
        var cursors = (await PageAsync(client, "AutoArt", new { first = 50 })).GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("cursor").GetString()).ToList();

        // Rows 0..4 lie before cursor 5: first 4 of them leaves one more, first 5 leaves none.
        var firstFour = await PageAsync(client, "AutoArt", new { first = 4, before = cursors[5] });
        var firstFive = await PageAsync(client, "AutoArt", new { first = 5, before = cursors[5] });
        // Rows after cursor n-6 are the last 5: last 4 of them leaves one more, last 5 none.
        var lastFour = await PageAsync(client, "AutoArt", new { last = 4, after = cursors[^6] });
        var lastFive = await PageAsync(client, "AutoArt", new { last = 5, after = cursors[^6] });

        Assert.Equal(all[..4], Slugs(firstFour));
        Assert.True(firstFour.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(all[..5], Slugs(firstFive));
        Assert.False(firstFive.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(all[^4..], Slugs(lastFour));
        Assert.True(lastFour.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(all[^5..], Slugs(lastFive));
        Assert.False(lastFive.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Fact]
    public async Task A_page_of_zero_reads_one_row_to_know_whether_any_follow()
    {
        using var client = api.CreateClient();
        api.Sql.Clear();

        await client.QueryDataAsync("{ products(first: 0) { pageInfo { hasNextPage } } }");
        var sql = Assert.Single(api.Sql.Statements);

        Assert.Contains("LIMIT", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_cursor_is_refused()
    {
        using var client = api.CreateClient();
        var cursor = (await client.QueryDataAsync(PageQuery, new { first = 1 })).GetProperty("products").GetProperty("pageInfo").GetProperty("endCursor").GetString()!;
        var tampered = cursor[..^3] + (cursor[^3] == 'A' ? 'B' : 'A') + cursor[^2..];

        var (_, body) = await client.PostGraphQLAsync(PageQuery, new { first = 1, after = tampered });

        Assert.Equal("HC0078", body.FirstErrorCode());
        Assert.Equal("after", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("argument").GetString());
    }

    [Fact]
    public async Task A_cursor_only_opens_for_the_order_that_issued_it()
    {
        using var client = api.CreateClient();
        var byPrice = (await client.QueryDataAsync(PageQuery, new { first = 1, order = new[] { new { price = "ASC" } } }))
            .GetProperty("products").GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var (_, body) = await client.PostGraphQLAsync(PageQuery, new { first = 1, after = byPrice, order = new[] { new { name = "ASC" } } });

        Assert.Equal("HC0078", body.FirstErrorCode());
    }

    [Fact]
    public async Task A_cursor_from_one_instance_opens_on_another()
    {
        // Two API instances on one database share the Data Protection key ring kept in PostgreSQL.
        await using var other = new ApiFactory();
        await other.UseDatabaseAsync(api.ConnectionString);
        using var first = api.CreateClient();
        using var second = other.CreateClient();
        var expected = await SlugsAsync("SELECT slug FROM products ORDER BY name, id");
        var order = new[] { new { name = "ASC" } };

        var cursor = (await first.QueryDataAsync(PageQuery, new { first = 4, order })).GetProperty("products").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var page = (await second.QueryDataAsync(PageQuery, new { first = 4, after = cursor, order })).GetProperty("products");

        Assert.Equal(expected[4..8], Slugs(page));
    }

    [Fact]
    public async Task Total_count_counts_the_filtered_rows_and_is_only_computed_when_selected()
    {
        var recorder = api.Sql;
        using var client = api.CreateClient();
        var expected = (await SlugsAsync("SELECT slug FROM products WHERE scale = '1:18'")).Count;
        recorder.Clear();

        var withCount = await client.QueryDataAsync("""{ products(first: 2, where: { scale: { eq: "1:18" } }) { totalCount nodes { slug } } }""");
        var countingStatements = recorder.Statements.Count;
        recorder.Clear();
        await client.QueryDataAsync("""{ products(first: 2, where: { scale: { eq: "1:18" } }) { nodes { slug } } }""");

        Assert.Equal(expected, withCount.GetProperty("products").GetProperty("totalCount").GetInt32());
        Assert.Equal(2, countingStatements);
        Assert.Single(recorder.Statements);
        Assert.DoesNotContain("count(", recorder.Statements[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Only_the_selected_columns_are_read()
    {
        using var client = api.CreateClient();
        api.Sql.Clear();

        await client.QueryDataAsync("{ products(first: 3) { nodes { name inStock } } }");
        var sql = Assert.Single(api.Sql.Statements);

        Assert.Contains("p.name", sql, StringComparison.Ordinal);
        Assert.Contains("p.stock_quantity", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("description", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("images", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("search_vector", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_over_ascending_keys_seeks_with_a_row_comparison()
    {
        var sql = await SecondPageSqlAsync("[{ price: ASC }]");

        Assert.Matches(@"\(p\.price, p\.id\) > \(@\w+, @\w+\)", sql);
        Assert.DoesNotContain(" OR ", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_over_keys_of_mixed_directions_seeks_key_by_key()
    {
        var sql = await SecondPageSqlAsync("[{ brand: ASC }, { price: DESC }]");

        Assert.Contains(" OR ", sql, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\(p\.\w+, p\.\w+\) [<>]", sql);
    }

    /// <summary>The one statement that fetches the page after the first, in the given order.</summary>
    private async Task<string> SecondPageSqlAsync(string order)
    {
        using var client = api.CreateClient();
        var first = await client.QueryDataAsync($"{{ products(first: 2, order: {order}) {{ pageInfo {{ endCursor }} }} }}");
        api.Sql.Clear();

        await client.QueryDataAsync($"query($after: String) {{ products(first: 2, after: $after, order: {order}) {{ nodes {{ slug }} }} }}",
            new { after = first.GetProperty("products").GetProperty("pageInfo").GetProperty("endCursor").GetString() });

        return Assert.Single(api.Sql.Statements);
    }

    private static async Task<JsonElement> PageAsync(HttpClient client, string brand, object paging)
    {
        var arguments = JsonSerializer.SerializeToElement(paging);
        var data = await client.QueryDataAsync(
            """
            query($brand: String!, $first: Int, $after: String, $last: Int, $before: String) {
              products(first: $first, after: $after, last: $last, before: $before, where: { brand: { eq: $brand } }, order: [{ price: ASC }]) {
                edges { cursor node { slug } }
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              }
            }
            """,
            new Dictionary<string, object?>(arguments.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, (object?)p.Value))) { ["brand"] = brand });
        return data.GetProperty("products");
    }

    private static List<string> Slugs(JsonElement connection) =>
        [.. connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("slug").GetString()!)];

    private static string InsertProductSql(string slug, decimal price) => $"""
        INSERT INTO products (slug, name, brand, make, model, year, scale, genre, status, description, price, stock_quantity, images, is_featured)
        VALUES ('{slug}', '{slug}', 'Test', 'Test', 'Test', 2026, '1:64', 'racing', 'available', 'Inserted by a test.', {price.ToString(System.Globalization.CultureInfo.InvariantCulture)}, 1, '{"{"}{"}"}', false)
        """;

    private Task<List<string>> SlugsAsync(string sql) => TestSql.StringsAsync(api.ConnectionString, sql);

    private Task ExecuteAsync(string sql) => TestSql.ExecuteAsync(api.ConnectionString, sql);
}
