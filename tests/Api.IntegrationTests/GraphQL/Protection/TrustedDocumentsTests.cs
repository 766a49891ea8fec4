using System.Net.Http.Headers;
using System.Net.Http.Json;
using Diecast.GraphQL.Server.Protection;

namespace Diecast.Api.IntegrationTests.GraphQL.Protection;

/// <summary>
/// Trusted documents from the checked-in file: sent by <c>documentId</c> over POST and GET, and, with
/// GraphQL:TrustedDocumentsOnly, the only documents anonymous callers may run.
/// </summary>
public sealed class TrustedDocumentsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly Dictionary<string, string> Documents =
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src/Api/trusted-documents.json")))!;

    private static string ProductBySlugId => Documents.Single(d => d.Value.Contains("query ProductPage", StringComparison.Ordinal)).Key;

    [Fact]
    public void The_checked_in_ids_are_the_hashes_of_their_documents()
    {
        Assert.NotEmpty(Documents);
        Assert.All(Documents, d => Assert.Equal(TrustedDocumentStore.IdOf(d.Value), d.Key));
    }

    [Fact]
    public async Task A_trusted_document_runs_by_its_id_over_POST_again_and_again()
    {
        var slug = await AnyProductSlugAsync();
        using var client = api.CreateClient();
        // The second request is served from the validated document cache, by id.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (response, body) = await PostAsync(client, new { documentId = ProductBySlugId, variables = new { slug } });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(body.TryGetProperty("errors", out _), body.ToString());
            Assert.Equal(slug, body.GetProperty("data").GetProperty("productBySlug").GetProperty("slug").GetString());
        }
    }

    [Fact]
    public async Task A_trusted_document_runs_by_its_id_over_GET()
    {
        var slug = await AnyProductSlugAsync();
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/graphql?documentId={Uri.EscapeDataString(ProductBySlugId)}&variables={Uri.EscapeDataString(JsonSerializer.Serialize(new { slug }))}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLHttp.ResponseMediaType));
        using var response = await client.SendAsync(request);
        var body = await GraphQLHttp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(slug, body.GetProperty("data").GetProperty("productBySlug").GetProperty("slug").GetString());
    }

    [Theory]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000", "HC0020")]
    [InlineData("sha256:not-hex", "DOCUMENT_ID_INVALID")]
    [InlineData("md5:0123", "DOCUMENT_ID_INVALID")]
    public async Task Unknown_or_malformed_ids_get_a_clear_error(string documentId, string code)
    {
        using var client = api.CreateClient();
        var (response, body) = await PostAsync(client, new { documentId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, body.FirstErrorCode());
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Query_and_documentId_together_are_refused()
    {
        using var client = api.CreateClient();
        var (response, body) = await PostAsync(client, new { query = "{ __typename }", documentId = ProductBySlugId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("REQUEST_PARAMETER_INVALID", body.FirstErrorCode());
    }

    [Fact]
    public async Task With_trusted_documents_only_anonymous_callers_run_only_trusted_documents()
    {
        var slug = await AnyProductSlugAsync();
        await using var production = api.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:TrustedDocumentsOnly", "true"));
        using var anonymous = production.CreateClient();
        using var user = production.CreateClientAs("shopper");

        foreach (var client in new[] { anonymous, user })
        {
            var (refused, refusal) = await client.PostGraphQLAsync("{ products(first: 1) { nodes { id } } }");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("HC0067", refusal.FirstErrorCode());
            Assert.False(refusal.TryGetProperty("data", out _));

            var (byId, byIdBody) = await PostAsync(client, new { documentId = ProductBySlugId, variables = new { slug } });
            Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
            Assert.Equal(slug, byIdBody.GetProperty("data").GetProperty("productBySlug").GetProperty("slug").GetString());

            // The exact text of a trusted document is as good as its id.
            var byText = await client.QueryDataAsync(Documents[ProductBySlugId], new { slug });
            Assert.Equal(slug, byText.GetProperty("productBySlug").GetProperty("slug").GetString());
        }
    }

    [Fact]
    public async Task With_trusted_documents_only_admins_keep_the_full_API_and_their_cached_documents_stay_closed()
    {
        const string AdminQuery = "{ products(first: 1, order: [{ name: ASC }]) { nodes { name } } }";
        await using var production = api.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:TrustedDocumentsOnly", "true"));
        using var admin = production.CreateAdminClient();
        using var anonymous = production.CreateClient();

        var data = await admin.QueryDataAsync(AdminQuery);
        Assert.Equal(1, data.GetProperty("products").GetProperty("nodes").GetArrayLength());

        var (response, body) = await anonymous.PostGraphQLAsync(AdminQuery);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("HC0067", body.FirstErrorCode());
    }

    [Fact]
    public async Task Every_trusted_document_runs_within_the_limits_and_never_counts_as_expensive()
    {
        // One expensive query a window: a storefront document scoring above the threshold would get 429 on its second run.
        await using var strict = api.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:RateLimit:ExpensiveQueriesPerWindow", "1"));
        using var client = strict.CreateClient();
        // The checkout's mutations are limited as mutations, and the find-your-order lookup (order(number, email)) as an
        // expensive query, by design: guessing pairs must cost a guesser their window (their own tests cover that). Every
        // other query the storefront sends must stay cheap.
        foreach (var (id, document) in Documents.Where(d => !IsMutation(d.Value) && !d.Value.Contains("query OrderByNumber(", StringComparison.Ordinal)))
        {
            var variables = WorstCaseVariables(document);
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var (response, body) = await PostAsync(client, new { documentId = id, variables });

                Assert.True(response.StatusCode == HttpStatusCode.OK && !body.TryGetProperty("errors", out _), $"{document}\n→ {(int)response.StatusCode} {body}");
            }
        }
    }

    /// <summary>A value for every required variable, the largest allowed for page sizes (which weigh the most).</summary>
    private static Dictionary<string, object> WorstCaseVariables(string document)
    {
        var variables = new Dictionary<string, object>();
        foreach (var definition in GraphQLParser.Parser.Parse(document).Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>().SelectMany(o => o.Variables?.Items ?? []))
        {
            if (definition.Type is GraphQLParser.AST.GraphQLNonNullType { Type: GraphQLParser.AST.GraphQLListType { Type: GraphQLParser.AST.GraphQLNonNullType { Type: GraphQLParser.AST.GraphQLNamedType { Name.StringValue: "PlaceOrderItemInput" } } } })
            {
                // A full cart: placeOrder's 50 lines, each a different product (unknown ones are lines too).
                variables[definition.Variable.Name.StringValue] = Enumerable.Range(1, 50)
                    .Select(n => new { productId = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Product:{n}")), quantity = 1 })
                    .ToArray();
                continue;
            }

            if (definition.Type is not GraphQLParser.AST.GraphQLNonNullType { Type: GraphQLParser.AST.GraphQLNamedType named } || definition.DefaultValue is not null)
            {
                continue;
            }

            variables[definition.Variable.Name.StringValue] = named.Name.StringValue switch
            {
                "String" or "ID" => "any-value",
                "Int" => 50,
                "Boolean" => true,
                "Genre" => "SUPERCAR",
                var other => throw new NotSupportedException($"Give the test a worst-case value for a required {other} variable ({definition.Variable.Name.StringValue})."),
            };
        }

        return variables;
    }

    private static bool IsMutation(string document) =>
        GraphQLParser.Parser.Parse(document).Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>().Any(o => o.Operation == GraphQLParser.AST.OperationType.Mutation);

    private async Task<string> AnyProductSlugAsync()
    {
        using var client = api.CreateClient();
        var data = await client.QueryDataAsync("{ products(first: 1, order: [{ name: ASC }]) { nodes { slug } } }");
        return data.GetProperty("products").GetProperty("nodes")[0].GetProperty("slug").GetString()!;
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, object payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(payload) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLHttp.ResponseMediaType));
        var response = await client.SendAsync(request);
        return (response, await GraphQLHttp.ReadJsonAsync(response));
    }
}
