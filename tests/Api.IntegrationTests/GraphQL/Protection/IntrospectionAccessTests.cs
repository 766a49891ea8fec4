namespace Diecast.Api.IntegrationTests.GraphQL.Protection;

/// <summary>
/// With anonymous introspection off (Production's default), only admins introspect; <c>__typename</c> stays open.
/// </summary>
public sealed class IntrospectionAccessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string TypeQuery = "{ __type(name: \"Product\") { name } }";

    [Fact]
    public async Task Anonymous_introspection_is_refused_with_HotChocolates_code()
    {
        await using var production = WithoutAnonymousIntrospection();
        using var client = production.CreateClient();

        foreach (var query in new[] { IntrospectionQueries.Full, TypeQuery, "query { products(first: 1) { nodes { id } } __schema { queryType { name } } }" })
        {
            var (response, body) = await client.PostGraphQLAsync(query);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("HC0046", body.FirstErrorCode());
            Assert.Equal("Introspection is not allowed for the current request.", body.GetProperty("errors")[0].GetProperty("message").GetString());
            Assert.False(body.TryGetProperty("data", out _));
        }
    }

    [Fact]
    public async Task Typename_stays_allowed()
    {
        await using var production = WithoutAnonymousIntrospection();
        using var client = production.CreateClient();
        var data = await client.QueryDataAsync("{ __typename productBySlug(slug: \"none\") { __typename } }");

        Assert.Equal("Query", data.GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Admins_always_introspect_and_a_document_they_got_cached_stays_closed_to_others()
    {
        await using var production = WithoutAnonymousIntrospection();
        using var admin = production.CreateAdminClient();
        using var user = production.CreateClientAs("signed-in-not-admin");
        using var anonymous = production.CreateClient();

        var data = await admin.QueryDataAsync(IntrospectionQueries.Full);
        Assert.Contains(data.GetProperty("__schema").GetProperty("types").EnumerateArray(), t => t.GetProperty("name").GetString() == "Product");

        foreach (var client in new[] { anonymous, user })
        {
            var (response, body) = await client.PostGraphQLAsync(IntrospectionQueries.Full);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("HC0046", body.FirstErrorCode());
        }
    }

    [Fact]
    public async Task Anonymous_introspection_is_on_in_development_and_tests()
    {
        using var client = api.CreateClient();
        var data = await client.QueryDataAsync(TypeQuery);

        Assert.Equal("Product", data.GetProperty("__type").GetProperty("name").GetString());
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithoutAnonymousIntrospection() =>
        api.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:AnonymousIntrospection", "false"));
}
