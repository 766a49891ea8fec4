using Diecast.GraphQL.Server.Authorization;

namespace Diecast.Api.IntegrationTests.Security;

/// <summary>
/// The role matrix of the admin-only schema: anonymous callers are told to authenticate, signed-in callers without
/// the admin role are told no, admins get the data; a denial reveals nothing and runs nothing.
/// </summary>
public sealed class AdminAccessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string> AdminDocuments => new()
    {
        { "orders", "{ orders(first: 2) { nodes { number total } } }" },
        { "stock figures", "{ products(first: 2) { nodes { name stockQuantity } } }" },
        { "drafts", "{ journalEntries(includeDrafts: true) { nodes { title } } }" },
        { "drafts by variable", """{"query": "query($d: Boolean!) { journalEntries(includeDrafts: $d) { nodes { title } } }", "variables": {"d": true}}""" },
        { "order fields through a fragment", "{ node(id: \"UHJvZHVjdDox\") { id ... on Order { customerEmail } } }" },
        { "stock movements", "{ stockMovements(first: 2) { nodes { kind delta reason actor } } }" },
        { "order timelines", "{ orders(first: 2) { nodes { number timeline { kind message actorName } } } }" },
    };

    [Theory]
    [MemberData(nameof(AdminDocuments))]
    public async Task Anonymous_callers_are_told_to_authenticate(string name, string document)
    {
        using var client = api.CreateClient();

        var (response, body) = await SendAsync(client, document);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, name);
        AssertDenied(body, FieldAuthorization.NotAuthenticated);
    }

    [Theory]
    [MemberData(nameof(AdminDocuments))]
    public async Task Signed_in_callers_without_the_admin_role_are_refused(string name, string document)
    {
        using var client = api.CreateClientAs("a-customer");

        var (response, body) = await SendAsync(client, document);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, name);
        AssertDenied(body, FieldAuthorization.NotAuthorized);
    }

    [Theory]
    [MemberData(nameof(AdminDocuments))]
    public async Task Admins_get_the_data(string name, string document)
    {
        using var client = api.CreateAdminClient();

        var (response, body) = await SendAsync(client, document);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {body}");
        Assert.False(body.TryGetProperty("errors", out _), body.ToString());
    }

    [Fact]
    public async Task Admins_see_drafts_that_the_public_does_not()
    {
        using var admin = api.CreateAdminClient();
        using var anonymous = api.CreateClient();

        var all = (await admin.QueryDataAsync("{ journalEntries(first: 50, includeDrafts: true) { nodes { title publishedAt } } }")).GetProperty("journalEntries").GetProperty("nodes");
        var published = (await anonymous.QueryDataAsync("{ journalEntries(first: 50) { nodes { title publishedAt } } }")).GetProperty("journalEntries").GetProperty("nodes");

        var drafts = all.EnumerateArray().Where(e => e.GetProperty("publishedAt").ValueKind == JsonValueKind.Null).ToList();
        Assert.NotEmpty(drafts);
        Assert.Equal(all.GetArrayLength() - drafts.Count, published.GetArrayLength());
    }

    [Fact]
    public async Task An_order_fetched_as_a_node_is_for_admins_only()
    {
        using var admin = api.CreateAdminClient();
        var orderId = (await admin.QueryDataAsync("{ orders(first: 1) { nodes { id } } }")).GetProperty("orders").GetProperty("nodes")[0].GetProperty("id").GetString();
        using var anonymous = api.CreateClient();

        // Selecting only Node's fields, the validation rule cannot know an order comes back: the resolver checks.
        var (response, body) = await anonymous.PostGraphQLAsync("query($id: ID!) { node(id: $id) { id __typename } }", new { id = orderId });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FieldAuthorization.NotAuthenticated, body.FirstErrorCode());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("node").ValueKind);
        Assert.DoesNotContain("Order", body.ToString(), StringComparison.Ordinal);
    }

    private static void AssertDenied(JsonElement body, string code)
    {
        Assert.Equal(code, body.FirstErrorCode());
        Assert.Equal(FieldAuthorization.Message, body.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.False(body.TryGetProperty("data", out _));
    }

    private static Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpClient client, string document)
    {
        if (!document.StartsWith('{') || !document.Contains("\"query\"", StringComparison.Ordinal))
        {
            return client.PostGraphQLAsync(document);
        }

        using var request = JsonDocument.Parse(document);
        var variables = request.RootElement.TryGetProperty("variables", out var v) ? JsonSerializer.Deserialize<Dictionary<string, object>>(v.GetRawText()) : null;
        return client.PostGraphQLAsync(request.RootElement.GetProperty("query").GetString()!, variables);
    }
}
