using System.Net.Http.Json;
using System.Text.Json;

namespace Diecast.Storefront.Tests.Infrastructure;

/// <summary>Asks the fixture's API directly, so page tests can compare what a page shows with what the API says.</summary>
public static class ShopApi
{
    public static async Task<JsonElement> QueryAsync(this ShopFixture shop, string query, object? variables = null)
    {
        ArgumentNullException.ThrowIfNull(shop);
        using var client = shop.Api.CreateClient();
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }
}
