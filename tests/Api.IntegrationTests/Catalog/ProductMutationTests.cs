namespace Diecast.Api.IntegrationTests.Catalog;

/// <summary>The catalog's admin mutations: each outcome, each error type, and that a failed mutation writes nothing.</summary>
public sealed class ProductMutationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Product = "product { id slug name price stockQuantity videoUrl version archivedAt }";
    private const string Invalid = MutationPayloads.ErrorFields;
    private const string Create = "mutation($input: CreateProductInput!) { createProduct(input: $input) { " + Product + " errors { " + Invalid + " } } }";
    private const string Update = "mutation($input: UpdateProductInput!) { updateProduct(input: $input) { " + Product + " errors { " + Invalid + " ... on NotFoundError { id } ... on ConcurrentEditError { id } } } }";
    private const string Archive = "mutation($input: ArchiveProductInput!) { archiveProduct(input: $input) { " + Product + " errors { " + Invalid + " ... on NotFoundError { id } } } }";
    private const string Adjust = "mutation($input: AdjustStockInput!) { adjustStock(input: $input) { " + Product + " errors { " + Invalid + " ... on NotFoundError { id } } } }";

    public static TheoryData<string, object, string> InvalidFields => new()
    {
        { "slug with spaces", "Not A Slug", "slug" },
        { "zero price", 0m, "price" },
        { "price with three decimals", 1999.999m, "price" },
        { "year before cars", 1800, "year" },
        { "scale without 1:", "18", "scale" },
        { "empty name", "", "name" },
        { "name with surrounding spaces", " Zonda ", "name" },
        { "plain http video", "http://example.com/video.mp4", "videoUrl" },
        { "negative stock", -5, "stockQuantity" },
    };

    [Fact]
    public async Task CreateProduct_adds_a_product_to_the_catalog()
    {
        using var admin = api.CreateAdminClient();
        var slug = MutationInputs.NewProductSlug();

        var product = await SucceedAsync(admin, Create, "createProduct", MutationInputs.NewProduct(slug));

        Assert.Equal(slug, product.GetProperty("slug").GetString());
        Assert.Equal(2499.50m, product.GetProperty("price").GetDecimal());
        var found = await admin.QueryDataAsync("query($slug: String!) { productBySlug(slug: $slug) { name } }", new { slug });
        Assert.Equal("Test Car", found.GetProperty("productBySlug").GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task CreateProduct_refuses_an_invalid_field_with_its_path_and_writes_nothing(string name, object value, string field)
    {
        using var admin = api.CreateAdminClient();
        var input = MutationInputs.NewProduct();
        input[field] = value;
        var before = await CountAsync();

        var error = await FailAsync(admin, Create, "createProduct", input);

        Assert.True(error.GetProperty("__typename").GetString() == "ValidationError", name);
        Assert.Equal(["input", field], MutationPayloads.Path(error));
        // The message names the field as the path and the schema do, in our words rather than FluentValidation's.
        Assert.StartsWith(field + " must ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task CreateProduct_refuses_an_image_that_is_not_https_and_points_at_it()
    {
        using var admin = api.CreateAdminClient();
        var input = MutationInputs.NewProduct();
        input["images"] = new[] { "https://img.example.com/a.jpg", "javascript:alert(1)" };

        var error = await FailAsync(admin, Create, "createProduct", input);

        Assert.Equal(["input", "images", "1"], MutationPayloads.Path(error));
    }

    [Fact]
    public async Task CreateProduct_refuses_a_slug_that_is_taken()
    {
        using var admin = api.CreateAdminClient();
        var input = MutationInputs.NewProduct("autoart-pagani-zonda-r-1-18");

        var error = await FailAsync(admin, Create, "createProduct", input);

        Assert.Equal("ValidationError", error.GetProperty("__typename").GetString());
        Assert.Equal("slug must be unique: \"autoart-pagani-zonda-r-1-18\" is already taken by another product.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task UpdateProduct_changes_the_given_fields_and_the_version()
    {
        using var admin = api.CreateAdminClient();
        var created = await SucceedAsync(admin, Create, "createProduct", MutationInputs.NewProduct());

        var updated = await SucceedAsync(admin, Update, "updateProduct", new Dictionary<string, object?>
        {
            ["id"] = created.GetProperty("id").GetString(),
            ["version"] = created.GetProperty("version").GetInt64(),
            ["price"] = 3100.25m,
            ["videoUrl"] = null,
        });

        Assert.Equal(3100.25m, updated.GetProperty("price").GetDecimal());
        Assert.Equal("Test Car", updated.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("videoUrl").ValueKind);
        Assert.NotEqual(created.GetProperty("version").GetInt64(), updated.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task UpdateProduct_with_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        using var admin = api.CreateAdminClient();
        var created = await SucceedAsync(admin, Create, "createProduct", MutationInputs.NewProduct());
        var id = created.GetProperty("id").GetString();
        var version = created.GetProperty("version").GetInt64();
        await SucceedAsync(admin, Update, "updateProduct", new Dictionary<string, object?> { ["id"] = id, ["version"] = version, ["name"] = "First Edit" });

        var error = await FailAsync(admin, Update, "updateProduct", new Dictionary<string, object?> { ["id"] = id, ["version"] = version, ["name"] = "Second Edit" });

        Assert.Equal("ConcurrentEditError", error.GetProperty("__typename").GetString());
        Assert.Equal(id, error.GetProperty("id").GetString());
        var name = await TestSql.ScalarAsync<string>(api.ConnectionString, $"SELECT name FROM products WHERE slug = '{created.GetProperty("slug").GetString()}'");
        Assert.Equal("First Edit", name);
    }

    [Fact]
    public async Task Of_two_simultaneous_edits_from_the_same_version_one_wins_and_one_is_told()
    {
        using var admin = api.CreateAdminClient();
        var created = await SucceedAsync(admin, Create, "createProduct", MutationInputs.NewProduct());
        var id = created.GetProperty("id").GetString();
        var version = created.GetProperty("version").GetInt64();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            admin.PostGraphQLAsync(Update, new { input = new Dictionary<string, object?> { ["id"] = id, ["version"] = version, ["name"] = $"Edit {i}" } })));

        var payloads = results.Select(r => r.Body.GetProperty("data").GetProperty("updateProduct")).ToList();
        Assert.Single(payloads, p => p.GetProperty("product").ValueKind == JsonValueKind.Object);
        Assert.Equal(5, payloads.Count(p => p.GetProperty("errors").ValueKind == JsonValueKind.Array
            && p.GetProperty("errors")[0].GetProperty("__typename").GetString() == "ConcurrentEditError"));
    }

    [Fact]
    public async Task UpdateProduct_of_an_unknown_product_is_not_found()
    {
        using var admin = api.CreateAdminClient();
        var id = Convert.ToBase64String("Product:99999999"u8.ToArray());

        var error = await FailAsync(admin, Update, "updateProduct", new Dictionary<string, object?> { ["id"] = id, ["version"] = 1, ["name"] = "Nobody" });

        Assert.Equal("NotFoundError", error.GetProperty("__typename").GetString());
        Assert.Equal(id, error.GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_archived_product_leaves_the_catalog_but_orders_still_show_it()
    {
        using var admin = api.CreateAdminClient();
        var slug = await TestSql.ScalarAsync<string>(api.ConnectionString, "SELECT p.slug FROM order_items i JOIN products p ON p.id = i.product_id ORDER BY i.id LIMIT 1");
        var productId = (await admin.QueryDataAsync("query($slug: String!) { productBySlug(slug: $slug) { id } }", new { slug })).GetProperty("productBySlug").GetProperty("id").GetString();

        var archived = await SucceedAsync(admin, Archive, "archiveProduct", new Dictionary<string, object?> { ["id"] = productId });
        var again = await SucceedAsync(admin, Archive, "archiveProduct", new Dictionary<string, object?> { ["id"] = productId });

        Assert.NotEqual(JsonValueKind.Null, archived.GetProperty("archivedAt").ValueKind);
        Assert.Equal(archived.GetProperty("archivedAt").GetString(), again.GetProperty("archivedAt").GetString());
        using var anonymous = api.CreateClient();
        Assert.Equal(JsonValueKind.Null, (await anonymous.QueryDataAsync("query($slug: String!) { productBySlug(slug: $slug) { id } }", new { slug })).GetProperty("productBySlug").ValueKind);
        var inCatalog = await anonymous.QueryDataAsync("query($slug: String!) { products(where: { slug: { eq: $slug } }) { totalCount } }", new { slug });
        Assert.Equal(0, inCatalog.GetProperty("products").GetProperty("totalCount").GetInt32());
        var orders = await admin.QueryDataAsync("{ orders(first: 50) { nodes { items { product { slug } } } } }");
        Assert.Contains(orders.GetProperty("orders").GetProperty("nodes").EnumerateArray().SelectMany(o => o.GetProperty("items").EnumerateArray()),
            item => item.GetProperty("product").ValueKind == JsonValueKind.Object && item.GetProperty("product").GetProperty("slug").GetString() == slug);
        // Filtering orders by the product still finds them: an archived product is history, not gone.
        var ordersOfProduct = await admin.QueryDataAsync(
            "query($slug: String!) { orders(where: { items: { some: { product: { slug: { eq: $slug } } } } }) { totalCount } }", new { slug });
        var expected = await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(DISTINCT i.order_id) FROM order_items i JOIN products p ON p.id = i.product_id WHERE p.slug = '{slug}'");
        Assert.NotEqual(0, expected);
        Assert.Equal(expected, ordersOfProduct.GetProperty("orders").GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task AdjustStock_adds_and_removes_units_and_keeps_the_reason_and_who()
    {
        using var admin = api.CreateAdminClient();
        var created = await SucceedAsync(admin, Create, "createProduct", MutationInputs.NewProduct());
        var id = created.GetProperty("id").GetString();

        await SucceedAsync(admin, Adjust, "adjustStock", new Dictionary<string, object?> { ["productId"] = id, ["delta"] = 7, ["reason"] = "restock from supplier" });
        var after = await SucceedAsync(admin, Adjust, "adjustStock", new Dictionary<string, object?> { ["productId"] = id, ["delta"] = -2, ["reason"] = "damaged in storage" });

        Assert.Equal(5 + 7 - 2, after.GetProperty("stockQuantity").GetInt32());
        var trail = await TestSql.StringsAsync(api.ConnectionString,
            $"SELECT a.delta || ' ' || a.stock_after || ' ' || a.reason || ' ' || a.actor FROM stock_movements a JOIN products p ON p.id = a.product_id WHERE p.slug = '{created.GetProperty("slug").GetString()}' ORDER BY a.id");
        Assert.Equal(["7 12 restock from supplier test-admin", "-2 10 damaged in storage test-admin"], trail);
    }

    [Fact]
    public async Task AdjustStock_never_goes_below_zero_and_then_writes_nothing()
    {
        using var admin = api.CreateAdminClient();
        var created = await SucceedAsync(admin, Create, "createProduct", MutationInputs.NewProduct());
        var slug = created.GetProperty("slug").GetString();

        var error = await FailAsync(admin, Adjust, "adjustStock", new Dictionary<string, object?> { ["productId"] = created.GetProperty("id").GetString(), ["delta"] = -6, ["reason"] = "sold at a fair" });

        Assert.Equal(["input", "delta"], MutationPayloads.Path(error));
        Assert.Equal("delta must not remove more than the 5 in stock (it removes 6).", error.GetProperty("message").GetString());
        Assert.Equal(5, await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE slug = '{slug}'"));
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM stock_movements a JOIN products p ON p.id = a.product_id WHERE p.slug = '{slug}'"));
    }

    [Fact]
    public async Task Concurrent_removals_take_exactly_the_stock_there_is()
    {
        using var admin = api.CreateAdminClient();
        var created = await SucceedAsync(admin, Create, "createProduct", MutationInputs.NewProduct());
        var input = new Dictionary<string, object?> { ["productId"] = created.GetProperty("id").GetString(), ["delta"] = -1, ["reason"] = "one sold" };

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => admin.PostGraphQLAsync(Adjust, new { input })));

        var succeeded = results.Count(r => r.Body.GetProperty("data").GetProperty("adjustStock").GetProperty("product").ValueKind == JsonValueKind.Object);
        Assert.Equal(5, succeeded);
        Assert.Equal(0, await TestSql.ScalarAsync<int>(api.ConnectionString, $"SELECT stock_quantity FROM products WHERE slug = '{created.GetProperty("slug").GetString()}'"));
    }

    [Fact]
    public async Task Anonymous_callers_cannot_mutate_and_nothing_is_written()
    {
        using var anonymous = api.CreateClient();
        var slug = MutationInputs.NewProductSlug();

        var (response, body) = await anonymous.PostGraphQLAsync(Create, new { input = MutationInputs.NewProduct(slug) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", body.FirstErrorCode());
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM products WHERE slug = '{slug}'"));
    }

    private Task<long> CountAsync() => TestSql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM products");

    private static Task<JsonElement> SucceedAsync(HttpClient client, string document, string field, Dictionary<string, object?> input) =>
        MutationPayloads.SucceedAsync(client, document, field, "product", input);

    private static Task<JsonElement> FailAsync(HttpClient client, string document, string field, Dictionary<string, object?> input) =>
        MutationPayloads.FailAsync(client, document, field, "product", input);
}
