using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Diecast.Api.Payments.Simulator;

namespace Diecast.Storefront.Tests.EndToEnd;

/// <summary>
/// The harness itself: one address serves every request from both storefront processes in turn, each storefront on its
/// own API process, and a Razorpay webhook goes to the API instance that did not create the order and is settled on
/// the shared database.
/// </summary>
[Collection(PairCollection.Name)]
public sealed class HarnessTests(PairShop shop)
{
    private ShopCluster Cluster => shop.Cluster;

    [Fact]
    public async Task One_address_serves_pages_from_both_storefront_processes_in_turn()
    {
        using var shopper = Cluster.CreateShopper();
        var answeredBy = new List<string>();
        foreach (var path in new[] { "/", "/cars", "/", "/cars", "/about", "/shipping-and-returns" })
        {
            using var response = await shopper.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answeredBy.Add(Assert.Single(response.Headers.GetValues(FrontDoor.InstanceHeader)));
        }

        // Round robin: never the same instance twice in a row, and both of them.
        Assert.Equal(["storefront-1", "storefront-2"], answeredBy.Distinct().Order());
        Assert.All(answeredBy.Zip(answeredBy.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task A_browser_on_the_one_address_is_served_by_both_storefronts_and_their_pages_are_whole()
    {
        var context = await Cluster.Browser.NewContextAsync(new() { BaseURL = Cluster.Address.ToString(), Locale = "en-IN" });
        await using var _ = context;
        var page = await context.NewPageAsync();
        var documentsBy = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Headers.TryGetValue(FrontDoor.InstanceHeader.ToLowerInvariant(), out var instance))
            {
                documentsBy.Add(instance);
            }
        };

        await page.GotoAsync("/");
        await page.Locator("a[href^='/cars/']").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/cars/", StringComparison.Ordinal));
        await Microsoft.Playwright.Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        // The page's links stay on the one address: the storefront builds them from the Host YARP passes on.
        Assert.StartsWith(Cluster.Address.ToString(), page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/cars");
        await page.GotoAsync("/journal");

        Assert.Equal(["storefront-1", "storefront-2"], documentsBy.Distinct().Order());
        // Styled: the stylesheet came through the proxy too.
        var color = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily");
        Assert.DoesNotContain("Times", color, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_goes_to_the_api_instance_that_did_not_create_the_order_and_settles_the_order()
    {
        using var api1 = new HttpClient { BaseAddress = Cluster.Apis[0].BaseAddress };
        var products = await GraphQLAsync(api1, "{ products(first: 1, where: {status: {eq: AVAILABLE}}) { nodes { id } } }");
        var productId = products["products"]!["nodes"]![0]!["id"]!.GetValue<string>();
        var placed = await GraphQLAsync(api1, """
            mutation($input: PlaceOrderInput!) { placeOrder(input: $input) {
              order { number status } orderToken payment { razorpayOrderId } errors { __typename ... on Error { message } } } }
            """, new
        {
            input = new
            {
                items = new[] { new { productId, quantity = 1 } },
                customer = new { name = "Harness Test", email = "harness@example.com", phone = "98765 43210" },
                shippingAddress = new { line1 = "12 Marine Drive", city = "Mumbai", state = "MAHARASHTRA", postalCode = "400002" },
                idempotencyKey = Guid.NewGuid().ToString(),
            },
        });
        var number = placed["placeOrder"]!["order"]!["number"]!.GetValue<string>();
        var razorpayOrderId = placed["placeOrder"]!["payment"]!["razorpayOrderId"]!.GetValue<string>();
        Assert.Equal(0, Cluster.Razorpay!.CreatorOf(number));

        Cluster.Razorpay.Engine.Pay(razorpayOrderId, SimulatedPaymentOutcome.Captured);

        // Settled by api-2's worker (it stored the event); read back through api-1, on the shared database.
        var token = placed["placeOrder"]!["orderToken"]!.GetValue<string>();
        await Eventually.HoldsAsync(async () =>
        {
            var order = await GraphQLAsync(api1, "query($token: String!) { orderByToken(token: $token) { paymentStatus } }", new { token });
            return order["orderByToken"]!["paymentStatus"]!.GetValue<string>() == "PAID";
        }, "the order to be paid");
        // Delivered to api-2 only (below); stored there, and processed by an inbox worker of either instance.
        var captured = Cluster.Razorpay.Deliveries.Single(d => d.OrderNumber == number && d.Event == "payment.captured");
        await Eventually.HoldsAsync(
            () => Task.FromResult(Cluster.Apis.Any(api => api.Output.Contains($"Razorpay webhook {captured.EventId} (payment.captured): applied", StringComparison.Ordinal))),
            $"an API to apply {captured.EventId}");
        var deliveries = Cluster.Razorpay.Deliveries.Where(d => d.OrderNumber == number).ToList();
        Assert.Equal(["payment.authorized", "payment.captured", "order.paid"], deliveries.Select(d => d.Event));
        Assert.All(deliveries, d => Assert.Equal((0, 1, HttpStatusCode.OK), (d.CreatedBy!.Value, d.DeliveredTo, d.Status!.Value)));
    }

    private static async Task<JsonNode> GraphQLAsync(HttpClient api, string query, object? variables = null)
    {
        using var response = await api.PostAsync(
            new Uri("/graphql", UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(json["errors"] is null, json.ToJsonString());
        return json["data"]!;
    }
}
