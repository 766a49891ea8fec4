using System.Text;

namespace Diecast.Api.IntegrationTests.Checkout;

/// <summary>What checkout tests share: products made for the test, a valid placeOrder input, the request and its answer.</summary>
public static class Shoppers
{
    public const string PlaceOrder = """
        mutation($input: PlaceOrderInput!) {
          placeOrder(input: $input) {
            order {
              number status paymentStatus fulfilmentStatus subtotal shippingFee total
              customerName customerEmail customerPhone
              shippingAddress { line1 line2 city state postalCode country }
              items { productId productName unitPrice quantity lineTotal }
              holdExpiresAt timeline { occurredAt message }
              payment { razorpayOrderId }
            }
            orderToken
            payment { keyId razorpayOrderId amount amountInPaise currency name description prefill { name email contact } expiresAt }
            paymentError { message retryable }
            errors {
              __typename
              ... on Error { message }
              ... on ValidationError { path }
              ... on ProductUnavailableError { path productId }
              ... on InsufficientStockError { path productId requested available }
              ... on IdempotencyKeyReusedError { path }
            }
          }
        }
        """;

    public const string CustomerOrderFields = "number status paymentStatus total holdExpiresAt customerEmail items { productName quantity } timeline { message } payment { razorpayOrderId amountInPaise }";

    /// <summary>A new product of the test's own (unique slug), returning its database id and global ID.</summary>
    public static async Task<(int Id, string GlobalId)> NewProductAsync(string connectionString, int stock, decimal price = 1499.00m, string status = "available", bool archived = false)
    {
        var slug = "checkout-car-" + Guid.NewGuid().ToString("N")[..12];
        var id = await TestSql.ScalarAsync<int>(connectionString, $"""
            INSERT INTO products (slug, name, brand, make, model, year, scale, genre, status, description, price, stock_quantity, images, is_featured, archived_at)
            VALUES ('{slug}', 'Car {slug[^6..]}', 'Mini GT', 'Tata', 'Nexon', 2024, '1:64', 'classic', '{status}', 'A model.', {price.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {stock},
                    ARRAY['https://img.example.com/c.jpg'], false, {(archived ? "now()" : "NULL")})
            RETURNING id
            """);
        return (id, GlobalId("Product", id));
    }

    public static string GlobalId(string type, int id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{id}"));

    public static string NewKey() => Guid.NewGuid().ToString();

    /// <summary>A placeOrder input for <paramref name="lines"/> (product global ID, quantity), Asha in Mumbai, a new key unless given.</summary>
    public static Dictionary<string, object?> Input(IEnumerable<(string ProductId, int Quantity)> lines, string? key = null, string phone = "+91 98765 43210") => new()
    {
        ["items"] = lines.Select(l => new Dictionary<string, object?> { ["productId"] = l.ProductId, ["quantity"] = l.Quantity }).ToList(),
        ["customer"] = new Dictionary<string, object?> { ["name"] = "Asha Rao", ["email"] = "Asha.Rao@example.com", ["phone"] = phone },
        ["shippingAddress"] = new Dictionary<string, object?>
        {
            ["line1"] = "12 Marine Drive",
            ["line2"] = "Flat 4",
            ["city"] = "Mumbai",
            ["state"] = "MAHARASHTRA",
            ["postalCode"] = "400 002",
        },
        ["idempotencyKey"] = key ?? NewKey(),
    };

    public static async Task<JsonElement> PlaceAsync(HttpClient client, Dictionary<string, object?> input)
    {
        var (response, body) = await client.PostGraphQLAsync(PlaceOrder, new { input });
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body.GetProperty("data").GetProperty("placeOrder");
    }

    /// <summary>The payload of an order that was placed: no errors, an order.</summary>
    public static async Task<JsonElement> PlacedAsync(HttpClient client, Dictionary<string, object?> input)
    {
        var payload = await PlaceAsync(client, input);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Equal(JsonValueKind.Object, payload.GetProperty("order").ValueKind);
        return payload;
    }

    public static string Number(this JsonElement payload) => payload.GetProperty("order").GetProperty("number").GetString()!;

    public static Task<long> CountAsync(string connectionString, string sql) => TestSql.ScalarAsync<long>(connectionString, sql);
}
