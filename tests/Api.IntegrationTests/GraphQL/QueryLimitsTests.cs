using System.Text;

namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>Depth, complexity and parser limits refuse expensive documents before any resolver runs.</summary>
public sealed class QueryLimitsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_document_nested_deeper_than_the_limit_is_refused()
    {
        // Introspection types nest without end: __type → fields → type → ofType → ofType…
        var query = "{ __type(name: \"Product\") { fields { type " + string.Concat(Enumerable.Repeat("{ ofType ", 20)) + "{ name }" + new string('}', 20) + " } } }";
        using var client = api.CreateClient();
        var (response, body) = await client.PostGraphQLAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("depth", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task A_document_more_complex_than_the_limit_is_refused()
    {
        // About 200 points per alias (a page of 50 with four fields), 780 fields: within the field limits.
        var aliases = new StringBuilder("{");
        for (var i = 0; i < 130; i++)
        {
            aliases.Append(System.Globalization.CultureInfo.InvariantCulture, $" p{i}: products(first: 50) {{ nodes {{ id name price images }} }}");
        }

        using var client = api.CreateClient();
        var (response, body) = await client.PostGraphQLAsync(aliases.Append('}').ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("complexity", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Hundreds_of_aliased_lookups_are_refused_before_any_query_runs()
    {
        // Each lookup is a database round trip; 300 of them would be 300 queries.
        var aliases = string.Concat(Enumerable.Range(0, 300).Select(i => $" p{i}: productBySlug(slug: \"s{i}\") {{ id }}"));
        using var client = api.CreateClient();
        api.Sql.Clear();

        var (response, body) = await client.PostGraphQLAsync("{" + aliases + " }");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("complexity", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(api.Sql.Statements);
    }

    [Fact]
    public async Task A_few_aliased_lookups_are_fine()
    {
        var aliases = string.Concat(Enumerable.Range(0, 10).Select(i => $" p{i}: productBySlug(slug: \"s{i}\") {{ id }}"));
        using var client = api.CreateClient();

        var data = await client.QueryDataAsync("{" + aliases + " }");

        Assert.Equal(JsonValueKind.Null, data.GetProperty("p9").ValueKind);
    }

    [Fact]
    public async Task Pathological_nesting_is_a_syntax_error_not_a_crash()
    {
        var query = new string('{', 5_000) + new string('}', 5_000);
        using var client = api.CreateClient();
        var (response, body) = await client.PostGraphQLAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("SYNTAX_ERROR", body.FirstErrorCode());
    }

    [Fact]
    public async Task The_standard_introspection_query_fits_the_limits()
    {
        using var client = api.CreateClient();
        var data = await client.QueryDataAsync(IntrospectionQueries.Full);

        Assert.Contains(data.GetProperty("__schema").GetProperty("types").EnumerateArray(), t => t.GetProperty("name").GetString() == "Product");
    }

    [Fact]
    public async Task Introspection_repeated_under_aliases_is_refused()
    {
        var schemaSelection = IntrospectionQueries.Full[IntrospectionQueries.Full.IndexOf("__schema", StringComparison.Ordinal)..IntrospectionQueries.Full.IndexOf("fragment FullType", StringComparison.Ordinal)].TrimEnd().TrimEnd('}');
        var fragments = IntrospectionQueries.Full[IntrospectionQueries.Full.IndexOf("fragment FullType", StringComparison.Ordinal)..];
        var aliases = string.Concat(Enumerable.Range(0, 10).Select(i => $" a{i}: {schemaSelection}"));
        var query = "query {" + aliases + " }\n" + fragments;
        using var client = api.CreateClient();
        var (response, body) = await client.PostGraphQLAsync(query);

        // Ten introspections select more fields than a document may; without that limit, complexity refuses them.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DOCUMENT_TOO_MANY_FIELDS", body.FirstErrorCode());
        await using var manyFields = api.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:MaxFields", "100000"));
        using var manyFieldsClient = manyFields.CreateClient();
        var (complexResponse, complexBody) = await manyFieldsClient.PostGraphQLAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, complexResponse.StatusCode);
        Assert.Equal("COMPLEXITY", complexBody.FirstErrorCode());
    }
}
