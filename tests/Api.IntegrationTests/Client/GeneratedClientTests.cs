using System.Globalization;
using Diecast.Api.Security;
using Diecast.GraphQL.Client;

namespace Diecast.Api.IntegrationTests.Client;

/// <summary>
/// The generated client (Client/*.graphql against the real schema.graphql) against the API in-process: results read
/// into the generated types with the values the database holds, and GraphQL errors arrive typed, with their codes.
/// </summary>
public sealed class GeneratedClientTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_filtered_sorted_page_reads_into_the_generated_types_with_the_rows_SQL_selects()
    {
        using var services = ClientServices(api);
        var client = services.GetRequiredService<IApiTestClient>();
        var where = new ProductFilterInput { Genre = new GenreOperationFilterInput { In = [Genre.Supercar, Genre.Jdm] } };
        ProductSortInput[] order = [new() { Price = SortEnumType.Desc }];

        var first = await client.Products.ExecuteAsync(where: where, order: order);
        var second = await client.Products.ExecuteAsync(after: first.Data!.Products!.PageInfo.EndCursor, where: where, order: order);

        first.EnsureNoErrors();
        second.EnsureNoErrors();
        const string Sql = "FROM products WHERE genre IN ('supercar', 'jdm')";
        var expected = await TestSql.StringsAsync(api.ConnectionString, $"SELECT slug {Sql} ORDER BY price DESC, id LIMIT 10");
        Assert.Equal(expected, first.Data.Products.Nodes!.Concat(second.Data!.Products!.Nodes!).Select(p => p.Slug));
        Assert.Equal(await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) {Sql}"), first.Data.Products.TotalCount);
        Assert.True(first.Data.Products.PageInfo.HasNextPage);
        Assert.All(first.Data.Products.Nodes!, p => Assert.True(p.Genre is Genre.Supercar or Genre.Jdm));
    }

    [Fact]
    public async Task A_product_reads_with_its_scalars_enums_and_fragment()
    {
        using var services = ClientServices(api);
        var client = services.GetRequiredService<IApiTestClient>();
        var slug = (await TestSql.StringsAsync(api.ConnectionString, "SELECT slug FROM products ORDER BY id LIMIT 1"))[0];

        var result = await client.ProductDetails.ExecuteAsync(slug);
        var withoutImages = await client.ProductDetails.ExecuteAsync(slug, withImages: false);

        result.EnsureNoErrors();
        IProductSummary product = result.Data!.ProductBySlug!;
        var row = await TestSql.StringsAsync(api.ConnectionString,
            // images lists the uploaded pictures when there are any (the demo's drawn one), else the external URLs.
            $"SELECT concat_ws('|', name, price, brand, status, in_stock_text, coalesce(nullif((SELECT count(*) FROM product_images i WHERE i.product_id = p.id), 0), array_length(images, 1))) FROM (SELECT *, (stock_quantity > 0)::text AS in_stock_text FROM products WHERE slug = '{slug}') p");
        var expected = row[0].Split('|');
        Assert.Equal(expected[0], product.Name);
        Assert.Equal(decimal.Parse(expected[1], CultureInfo.InvariantCulture), product.Price);
        Assert.Equal(expected[2], result.Data.ProductBySlug!.Brand);
        Assert.Equal(expected[3].Replace("_", "", StringComparison.Ordinal), result.Data.ProductBySlug.Status.ToString(), ignoreCase: true);
        Assert.Equal(bool.Parse(expected[4]), product.InStock);
        Assert.Equal(int.Parse(expected[5], CultureInfo.InvariantCulture), result.Data.ProductBySlug.Images!.Count);
        Assert.NotEqual(default, product.CreatedAt);
        Assert.Null(withoutImages.Data!.ProductBySlug!.Images);
    }

    [Fact]
    public async Task Node_reads_as_the_type_its_typename_names()
    {
        using var services = ClientServices(api);
        var client = services.GetRequiredService<IApiTestClient>();
        var page = await client.Products.ExecuteAsync(first: 1);
        var product = page.Data!.Products!.Nodes![0];

        var result = await client.NodeById.ExecuteAsync(product.Id);

        result.EnsureNoErrors();
        var node = Assert.IsType<INodeById_Node_Product>(result.Data!.Node, exactMatch: false);
        Assert.Equal((product.Id, product.Name, product.Price), (node.Id, node.Name, node.Price));
        Assert.Equal("Product", node.__typename);
    }

    [Fact]
    public async Task A_mutation_returns_the_created_product_or_its_typed_user_errors()
    {
        using var services = ClientServices(api, admin: true);
        var client = services.GetRequiredService<IApiTestClient>();
        var slug = "client-car-" + Guid.NewGuid().ToString("N")[..10];

        var created = await client.CreateProduct.ExecuteAsync(NewProduct(slug, 2499.50m));
        var refused = await client.CreateProduct.ExecuteAsync(NewProduct(slug + "-free", 0m));

        created.EnsureNoErrors();
        Assert.Null(created.Data!.CreateProduct.Errors);
        Assert.Equal((slug, 2499.50m, Genre.Classic), (created.Data.CreateProduct.Product!.Slug, created.Data.CreateProduct.Product.Price, created.Data.CreateProduct.Product.Genre));
        Assert.Equal(
            (await TestSql.StringsAsync(api.ConnectionString, $"SELECT xmin::text FROM products WHERE slug = '{slug}'")).Single(),
            created.Data.CreateProduct.Product.Version.ToString(CultureInfo.InvariantCulture));
        refused.EnsureNoErrors();
        Assert.Null(refused.Data!.CreateProduct.Product);
        // CreateProductError has one member, so `... on ValidationError` covers the union and path is on every error.
        var error = Assert.Single(refused.Data.CreateProduct.Errors!);
        Assert.Equal("ValidationError", error.__typename);
        Assert.Equal(["input", "price"], error.Path);
        Assert.NotEmpty(error.Message);
    }

    [Fact]
    public async Task GraphQL_errors_arrive_typed_with_their_codes_and_EnsureNoErrors_lists_them()
    {
        using var services = ClientServices(api);
        var client = services.GetRequiredService<IApiTestClient>();

        var result = await client.Products.ExecuteAsync(first: 500);

        var error = Assert.Single(result.Errors);
        Assert.Equal("HC0051", error.Code);
        Assert.Equal(["products"], error.Path!);
        Assert.NotNull(result.Data);
        Assert.Null(result.Data.Products);
        var exception = Assert.Throws<GraphQLClientException>(result.EnsureNoErrors);
        Assert.Contains("(HC0051)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mutation_without_admin_rights_is_an_error_with_a_code()
    {
        using var services = ClientServices(api);
        var client = services.GetRequiredService<IApiTestClient>();

        var result = await client.CreateProduct.ExecuteAsync(NewProduct("client-car-anonymous", 10m));

        Assert.True(result.IsErrorResult());
        Assert.Equal(401, result.StatusCode);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", result.Errors[0].Code);
        Assert.Equal(0, await TestSql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM products WHERE slug = 'client-car-anonymous'"));
    }

    [Fact]
    public async Task A_document_id_the_server_does_not_trust_gets_HC0020()
    {
        using var services = ClientServices(api, configure: b => b.UseDocumentIds());
        var client = services.GetRequiredService<IApiTestClient>();

        var result = await client.NodeById.ExecuteAsync("UHJvZHVjdDox");

        Assert.Equal("HC0020", Assert.Single(result.Errors).Code);
        Assert.Null(result.Data);
    }

    /// <summary>The client as an application registers it, with its HttpClient routed to the in-process API.</summary>
    internal static ServiceProvider ClientServices(ApiFactory api, bool admin = false, Action<GraphQLClientBuilder>? configure = null)
    {
        var token = admin ? api.Services.GetRequiredService<AccessTokenIssuer>().Issue("client-admin", TimeSpan.FromMinutes(10), [DiecastRoles.Admin]) : null;
        var services = new ServiceCollection();
        var builder = services.AddApiTestClient().ConfigureHttpClient(
            (_, http) =>
            {
                http.BaseAddress = new Uri(api.Server.BaseAddress, "/graphql");
                if (token is not null)
                {
                    http.DefaultRequestHeaders.Authorization = new("Bearer", token);
                }
            },
            http => http.ConfigurePrimaryHttpMessageHandler(() => api.Server.CreateHandler()));
        configure?.Invoke(builder);
        return services.BuildServiceProvider();
    }

    private static CreateProductInput NewProduct(string slug, decimal price) => new()
    {
        Slug = slug,
        Name = "Client Test Car",
        Brand = "Mini GT",
        Make = "Tata",
        Model = "Nexon",
        Year = 2024,
        Scale = "1:64",
        Genre = Genre.Classic,
        Status = CollectionStatus.Available,
        Description = "Created through the generated client.",
        Price = price,
        StockQuantity = 5,
        Images = ["https://img.example.com/client.jpg"],
        IsFeatured = false,
    };
}
