using Microsoft.AspNetCore.WebUtilities;
using static Diecast.Api.IntegrationTests.Checkout.Shoppers;

namespace Diecast.Api.IntegrationTests.Checkout;

/// <summary>A customer reads their order with its token, or its number and email; nobody reads another's by guessing.</summary>
public sealed class CustomerOrderLookupTests(CheckoutApi api) : IClassFixture<CheckoutApi>
{
    private const string ByToken = $"query($token: String!) {{ orderByToken(token: $token) {{ {CustomerOrderFields} }} }}";
    private const string ByNumber = $"query($number: String!, $email: String!) {{ order(number: $number, email: $email) {{ {CustomerOrderFields} }} }}";

    [Fact]
    public async Task A_token_opens_its_own_order_and_no_other()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 5);
        var a = await PlacedAsync(client, Input([(product.GlobalId, 1)]));
        var b = await PlacedAsync(client, Input([(product.GlobalId, 2)]));

        var openedA = await client.QueryDataAsync(ByToken, new { token = a.GetProperty("orderToken").GetString() });
        var openedB = await client.QueryDataAsync(ByToken, new { token = b.GetProperty("orderToken").GetString() });

        Assert.Equal(a.Number(), openedA.GetProperty("orderByToken").GetProperty("number").GetString());
        Assert.Equal(b.Number(), openedB.GetProperty("orderByToken").GetProperty("number").GetString());
        Assert.Equal(1, openedA.GetProperty("orderByToken").GetProperty("items")[0].GetProperty("quantity").GetInt32());
        Assert.Equal("Order placed", openedA.GetProperty("orderByToken").GetProperty("timeline")[0].GetProperty("message").GetString()![..12]);
    }

    [Fact]
    public async Task A_tampered_truncated_or_made_up_token_finds_nothing_and_answers_exactly_like_an_unknown_one()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 5);
        var token = (await PlacedAsync(client, Input([(product.GlobalId, 1)]))).GetProperty("orderToken").GetString()!;
        var bytes = WebEncoders.Base64UrlDecode(token);
        var answers = new List<string>();
        foreach (var position in new[] { 0, bytes.Length / 2, bytes.Length - 1 })
        {
            var tampered = (byte[])bytes.Clone();
            tampered[position] ^= 0x20;
            answers.Add(await RawAsync(client, ByToken, new { token = WebEncoders.Base64UrlEncode(tampered) }));
        }

        answers.Add(await RawAsync(client, ByToken, new { token = token[..^3] }));
        answers.Add(await RawAsync(client, ByToken, new { token = "" }));
        answers.Add(await RawAsync(client, ByToken, new { token = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("Order:1")) }));
        answers.Add(await RawAsync(client, ByToken, new { token = new string('A', 5000) }));

        Assert.All(answers, answer => Assert.Equal("""{"data":{"orderByToken":null}}""", answer));
    }

    [Fact]
    public async Task The_number_with_its_email_finds_the_order_whatever_the_case_and_surrounding_spaces()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 5);
        var number = (await PlacedAsync(client, Input([(product.GlobalId, 1)]))).Number();

        var found = await client.QueryDataAsync(ByNumber, new { number, email = "  asha.RAO@Example.com " });

        Assert.Equal(number, found.GetProperty("order").GetProperty("number").GetString());
        Assert.Equal("Asha.Rao@example.com", found.GetProperty("order").GetProperty("customerEmail").GetString());
    }

    [Fact]
    public async Task A_wrong_email_and_an_unknown_number_answer_alike_and_guessing_numbers_finds_nothing()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 5);
        var number = (await PlacedAsync(client, Input([(product.GlobalId, 1)]))).Number();
        var numbers = await TestSql.StringsAsync(api.ConnectionString, "SELECT number FROM orders ORDER BY id DESC LIMIT 20");
        Assert.Contains(number, numbers);

        var answers = new List<string>();
        foreach (var guess in numbers)
        {
            answers.Add(await RawAsync(client, ByNumber, new { number = guess, email = "someone.else@example.com" }));
        }

        answers.Add(await RawAsync(client, ByNumber, new { number = "DC-99999999", email = "asha.rao@example.com" }));
        answers.Add(await RawAsync(client, ByNumber, new { number, email = "" }));
        Assert.All(answers, answer => Assert.Equal("""{"data":{"order":null}}""", answer));
    }

    [Fact]
    public async Task Looking_orders_up_by_number_is_rate_limited_per_client()
    {
        // A clock a month ahead: a window of its own, whatever the other tests of this class counted.
        await using var limited = api.WithClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(30)))
            .WithWebHostBuilder(builder => builder.UseSetting("GraphQL:RateLimit:ExpensiveQueriesPerWindow", "3"));
        using var client = limited.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var (response, _) = await client.PostGraphQLAsync(ByNumber, new { number = $"DC-{10001 + i}", email = "guess@example.com" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task The_customer_view_shows_no_admin_fields()
    {
        using var client = api.CreateClient();
        var (response, body) = await client.PostGraphQLAsync("query($token: String!) { orderByToken(token: $token) { number razorpayOrderId customerName } }", new { token = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", body.FirstErrorCode());
    }

    private static async Task<string> RawAsync(HttpClient client, string query, object variables)
    {
        var (response, body) = await client.PostGraphQLAsync(query, variables);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body.GetRawText();
    }
}
