using System.Text;

namespace Diecast.Api.IntegrationTests.GraphQL.Protection;

/// <summary>
/// Documents shaped to make validation or execution expensive are refused by their shape, before GraphQL.NET's
/// validation rules and before any resolver, with a code that names the limit. Each of these took GraphQL.NET from
/// one to over ninety seconds of CPU before the limits (the README has the figures).
/// </summary>
public sealed class DocumentLimitsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string, string> HostileDocuments() => new()
    {
        { "thousands of aliases", "{" + Join(1_500, i => $"a{i}: __typename") + "}", "DOCUMENT_TOO_MANY_FIELDS" },
        { "aliases of a resolver field", "{" + Join(600, i => $"p{i}: productBySlug(slug: \"x\") {{ id }}") + "}", "DOCUMENT_TOO_MANY_FIELDS" },
        { "one field repeated", "{ productBySlug(slug: \"x\") {" + Join(5_000, _ => "name") + "} }", "DOCUMENT_FIELD_REPEATED" },
        { "one alias over different arguments", "{" + Join(200, i => $"a: productBySlug(slug: \"x{i}\") {{ id }}") + "}", "DOCUMENT_FIELD_REPEATED" },
        { "repeats merged through nesting", "{" + Join(5, _ => "s: __schema { " + Join(5, _ => "t: types { name }") + " }") + "}", "DOCUMENT_FIELD_REPEATED" },
        { "fragments fanning out", "query { ...f0 }\n" + Join(30, i => $"fragment f{i} on Query {{ ...f{i + 1} ...f{i + 1} }}", "\n") + "\nfragment f30 on Query { a: __typename }", "DOCUMENT_FIELD_REPEATED" },
        { "distinct fields fanning out", "{ __type(name: \"Product\") { ...f0 } }\n" + Join(12, i => $"fragment f{i} on __Type {{ a: ofType {{ ...f{i + 1} }} b: ofType {{ ...f{i + 1} }} }}", "\n") + "\nfragment f12 on __Type { name }", "DOCUMENT_TOO_MANY_FIELDS" },
        { "a fragment cycle", "query { ...a }\nfragment a on Query { ...b }\nfragment b on Query { ...c }\nfragment c on Query { ...a }", "NO_FRAGMENT_CYCLES" },
        { "too many fragments", "{ __typename } " + Join(100, i => $"fragment f{i} on Query {{ __typename }}"), "DOCUMENT_TOO_MANY_DEFINITIONS" },
        { "too many directives", "{ __typename" + Join(100, _ => " @include(if: true)", "") + " }", "DOCUMENT_TOO_MANY_DIRECTIVES" },
        { "inline fragments nested through fragments", "query { ...f0 }\n" + Join(40, i => $"fragment f{i} on Query {{ ... on Query {{ ...f{i + 1} }} }}", "\n") + "\nfragment f40 on Query { __typename }", "DOCUMENT_TOO_DEEP" },
        { "thousands of nested inline fragments", "{" + string.Concat(Enumerable.Repeat("... on Query {", 10_000)) + " __typename " + new string('}', 10_000) + "}", "MAX_DEPTH_EXCEEDED" },
        { "a huge literal list", "{ nodes(ids: [" + Join(2_000, i => $"\"{i}\"", ",") + "]) { id } }", "DOCUMENT_TOO_MANY_INPUT_VALUES" },
    };

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task Hostile_documents_are_refused_by_their_shape(string name, string query, string code)
    {
        using var client = api.CreateClient();
        var (response, body) = await client.PostGraphQLAsync(query);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {response.StatusCode} {body}");
        Assert.Equal(code, body.FirstErrorCode());
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Too_many_operations_are_refused_even_when_one_is_named()
    {
        using var client = api.CreateClient();
        var (response, body) = await client.PostGraphQLAsync(Join(100, i => $"query q{i} {{ __typename }}"), operationName: "q0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DOCUMENT_TOO_MANY_DEFINITIONS", body.FirstErrorCode());
    }

    [Fact]
    public async Task Huge_variables_are_refused_before_any_resolver()
    {
        var ids = Enumerable.Range(0, 5_000).Select(i => $"UHJvZHVjdDox{i}").ToArray();
        using var client = api.CreateClient();
        api.Sql.Clear();
        var (response, body) = await client.PostGraphQLAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DOCUMENT_TOO_MANY_INPUT_VALUES", body.FirstErrorCode());
        Assert.Empty(api.Sql.Statements);
    }

    [Fact]
    public async Task Variables_nested_deeper_than_JSON_allows_are_refused()
    {
        var nested = string.Concat(Enumerable.Repeat("{\"and\": [", 100)) + "{}" + string.Concat(Enumerable.Repeat("]}", 100));
        var payload = "{\"query\": \"query($w: ProductFilterInput) { products(where: $w) { totalCount } }\", \"variables\": {\"w\": " + nested + "}}";
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        var body = await GraphQLHttp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("JSON_INVALID", body.FirstErrorCode());
    }

    [Fact]
    public async Task A_real_document_with_fragments_repeated_fields_and_aliases_runs()
    {
        const string Query = """
            query {
              first: products(first: 2, order: [{ name: ASC }]) { nodes { ...Card id __typename } }
              again: products(first: 2, order: [{ name: ASC }]) { nodes { ...Card ... on Product { id name } } }
            }
            fragment Card on Product { id name price __typename ...Price }
            fragment Price on Product { price __typename }
            """;
        using var client = api.CreateClient();
        var data = await client.QueryDataAsync(Query);

        var first = data.GetProperty("first").GetProperty("nodes");
        var again = data.GetProperty("again").GetProperty("nodes");
        Assert.Equal(2, first.GetArrayLength());
        Assert.Equal(first[1].GetProperty("name").GetString(), again[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Limits_come_from_configuration()
    {
        await using var strict = api.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:MaxFields", "3"));
        using var client = strict.CreateClient();
        var fits = await client.QueryDataAsync("{ a: __typename b: __typename c: __typename }");
        Assert.Equal("Query", fits.GetProperty("c").GetString());

        var (response, body) = await client.PostGraphQLAsync("{ a: __typename b: __typename c: __typename d: __typename }");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DOCUMENT_TOO_MANY_FIELDS", body.FirstErrorCode());
    }

    private static string Join(int count, Func<int, string> item, string separator = " ") =>
        string.Join(separator, Enumerable.Range(0, count).Select(item));
}
