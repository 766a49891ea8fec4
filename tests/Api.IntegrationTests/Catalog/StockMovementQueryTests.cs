namespace Diecast.Api.IntegrationTests.Catalog;

/// <summary>stockMovements: every change to stock (adjustments and orders' movements), newest first, narrowed by product, order and kind; admins only.</summary>
public sealed class StockMovementQueryTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Movements = """
        query($productId: ID, $orderId: ID, $where: StockMovementFilterInput, $first: Int, $after: String) {
          stockMovements(productId: $productId, orderId: $orderId, where: $where, first: $first, after: $after) {
            nodes { kind delta stockAfter actor reason productId order { id } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string AdjustStock = "mutation($input: AdjustStockInput!) { adjustStock(input: $input) { product { stockQuantity } errors { __typename } } }";

    [Fact]
    public async Task A_products_movements_are_its_adjustments_and_its_orders_reservations_newest_first_and_page()
    {
        using var admin = api.CreateAdminClient("meera");
        var productId = await TestStock.NewProductAsync(api, 10);
        var product = TestStock.ProductNodeId(productId);
        await admin.QueryDataAsync(AdjustStock, new { input = new { productId = product, delta = 5, reason = "Delivery from Mini GT" } });
        await admin.QueryDataAsync(AdjustStock, new { input = new { productId = product, delta = -1, reason = "Damaged box" } });
        var orderId = await TestStock.PlaceHeldOrderAsync(api.ConnectionString, productId, 3);

        var page = (await admin.QueryDataAsync(Movements, new { productId = product })).GetProperty("stockMovements");

        Assert.Equal(
            [
                $"RESERVATION -3 11 checkout {TestStock.OrderNodeId(orderId)}",
                "ADJUSTMENT -1 14 meera -",
                "ADJUSTMENT 5 15 meera -",
            ],
            page.GetProperty("nodes").EnumerateArray().Select(Line).ToList());
        Assert.All(page.GetProperty("nodes").EnumerateArray(), n => Assert.Equal(product, n.GetProperty("productId").GetString()));

        // Two pages of two and one: the same three, in the same order.
        var first = (await admin.QueryDataAsync(Movements, new { productId = product, first = 2 })).GetProperty("stockMovements");
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var second = (await admin.QueryDataAsync(Movements, new { productId = product, first = 2, after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() })).GetProperty("stockMovements");
        Assert.False(second.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(
            page.GetProperty("nodes").EnumerateArray().Select(Line),
            first.GetProperty("nodes").EnumerateArray().Concat(second.GetProperty("nodes").EnumerateArray()).Select(Line));
    }

    [Fact]
    public async Task Movements_narrow_to_an_order_and_filter_by_kind()
    {
        using var admin = api.CreateAdminClient("meera");
        var productId = await TestStock.NewProductAsync(api, 4);
        var product = TestStock.ProductNodeId(productId);
        await admin.QueryDataAsync(AdjustStock, new { input = new { productId = product, delta = 2, reason = "Found two more" } });
        var orderId = await TestStock.PlaceHeldOrderAsync(api.ConnectionString, productId, 1);

        var byOrder = (await admin.QueryDataAsync(Movements, new { orderId = TestStock.OrderNodeId(orderId) })).GetProperty("stockMovements").GetProperty("nodes");
        var adjustments = (await admin.QueryDataAsync(Movements, new { productId = product, where = new { kind = new { eq = "ADJUSTMENT" } } })).GetProperty("stockMovements").GetProperty("nodes");

        Assert.Equal([$"RESERVATION -1 5 checkout {TestStock.OrderNodeId(orderId)}"], byOrder.EnumerateArray().Select(Line).ToList());
        Assert.Equal(["ADJUSTMENT 2 6 meera -"], adjustments.EnumerateArray().Select(Line).ToList());
    }

    [Fact]
    public async Task Another_types_id_is_refused_as_a_field_error()
    {
        using var admin = api.CreateAdminClient();

        var (_, body) = await admin.PostGraphQLAsync(Movements, new { productId = TestStock.OrderNodeId(1) });

        Assert.Equal("INVALID_NODE_ID", body.FirstErrorCode());
        Assert.Equal("productId must be the ID of a product.", body.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    private static string Line(JsonElement movement) =>
        $"{movement.GetProperty("kind").GetString()} {movement.GetProperty("delta").GetInt32()} {movement.GetProperty("stockAfter").GetInt32()} {movement.GetProperty("actor").GetString()} " +
        (movement.GetProperty("order").ValueKind == JsonValueKind.Null ? "-" : movement.GetProperty("order").GetProperty("id").GetString());
}
