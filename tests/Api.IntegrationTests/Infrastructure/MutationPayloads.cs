namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>Reads the payloads of HotChocolate-style mutations: the changed object, or the user errors and no object.</summary>
public static class MutationPayloads
{
    /// <summary>What every payload's <c>errors</c> selection asks of any error: its type, message and, for validation, path.</summary>
    public const string ErrorFields = "__typename ... on Error { message } ... on ValidationError { path }";

    /// <summary>The <paramref name="result"/> object of a payload that must have no errors.</summary>
    public static async Task<JsonElement> SucceedAsync(HttpClient client, string document, string field, string result, object input)
    {
        var payload = (await client.QueryDataAsync(document, new { input })).GetProperty(field);
        Assert.True(payload.GetProperty("errors").ValueKind == JsonValueKind.Null, payload.ToString());
        return payload.GetProperty(result);
    }

    /// <summary>The first user error of a payload whose <paramref name="result"/> must be null.</summary>
    public static async Task<JsonElement> FailAsync(HttpClient client, string document, string field, string result, object input)
    {
        var payload = (await client.QueryDataAsync(document, new { input })).GetProperty(field);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty(result).ValueKind);
        return payload.GetProperty("errors")[0];
    }

    /// <summary>A ValidationError's path, e.g. ["input", "images", "1"].</summary>
    public static string[] Path(JsonElement error) => [.. error.GetProperty("path").EnumerateArray().Select(p => p.GetString()!)];
}
