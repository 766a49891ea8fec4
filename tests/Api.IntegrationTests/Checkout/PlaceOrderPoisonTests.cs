using System.Net.Http.Headers;
using System.Text;
using static Diecast.Api.IntegrationTests.Checkout.Shoppers;

namespace Diecast.Api.IntegrationTests.Checkout;

/// <summary>A name holding a lone UTF-16 surrogate (valid JSON escapes) is refused as invalid Unicode at the door, before anything reaches Npgsql.</summary>
public sealed class PlaceOrderPoisonTests(CheckoutApi api) : IClassFixture<CheckoutApi>
{
    private static async Task<JsonElement> PostRawAsync(HttpClient client, Dictionary<string, object?> input, bool poisoned)
    {
        var json = JsonSerializer.Serialize(new { query = PlaceOrder, variables = new { input } });
        if (poisoned)
        {
            // JSON escapes are valid JSON text; the decoded string holds an unpaired high surrogate.
            json = json.Replace("Asha Rao", "Asha \\ud800", StringComparison.Ordinal);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_name_is_refused_before_it_reaches_the_batch()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 5);
        var body = await PostRawAsync(client, Input([(product.GlobalId, 1)]), poisoned: true);
        Assert.Equal("UNICODE_INVALID", body.FirstErrorCode());
    }

    [Fact]
    public async Task A_poisoned_request_never_fails_other_shoppers_orders()
    {
        using var client = api.CreateClient();
        var product = await NewProductAsync(api.ConnectionString, stock: 10_000);
        var failedGood = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            var tasks = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
            {
                var body = await PostRawAsync(client, Input([(product.GlobalId, 1)]), poisoned: i == 0);
                return (Poisoned: i == 0, Body: body);
            })).ToList();
            foreach (var (poisoned, body) in await Task.WhenAll(tasks))
            {
                if (!poisoned && body.TryGetProperty("errors", out var errors))
                {
                    failedGood.Add(errors.ToString());
                }
            }
        }

        Assert.True(failedGood.Count == 0, $"{failedGood.Count} good orders failed with another shopper's bad input; first: {failedGood.FirstOrDefault()}");
    }
}
