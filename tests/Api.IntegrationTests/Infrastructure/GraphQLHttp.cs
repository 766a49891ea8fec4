using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>Sends GraphQL requests the way a spec-following client does.</summary>
public static class GraphQLHttp
{
    public const string ResponseMediaType = "application/graphql-response+json";

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostGraphQLAsync(this HttpClient client, string query, object? variables = null, string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables, operationName }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ResponseMediaType));
        var response = await client.SendAsync(request);
        return (response, await ReadJsonAsync(response));
    }

    /// <summary>The <c>data</c> of a response that must have no errors.</summary>
    public static async Task<JsonElement> QueryDataAsync(this HttpClient client, string query, object? variables = null)
    {
        var (response, body) = await client.PostGraphQLAsync(query, variables);
        Assert.False(body.TryGetProperty("errors", out var errors), $"Unexpected errors: {errors}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return body.GetProperty("data");
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string FirstErrorCode(this JsonElement body) =>
        body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;
}
