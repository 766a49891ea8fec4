using System.Data.Common;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>
/// Exception details (<c>extensions.details</c>: a .NET type and stack trace) are for our bugs, and only in Development:
/// a client's mistake never carries them, whatever kind of mistake it is (as HotChocolate, which never puts a stack
/// trace on a syntax error).
/// </summary>
public sealed class ErrorDetailsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Failure = "The test broke the database on purpose.";

    public static TheoryData<string, string, string> ClientErrors() => new()
    {
        // name, request body, expected code
        { "syntax error", """{"query": "{ products "}""", "SYNTAX_ERROR" },
        { "parser recursion guard", JsonSerializer.Serialize(new { query = new string('{', 5_000) + new string('}', 5_000) }), "SYNTAX_ERROR" },
        { "nested inline fragments", JsonSerializer.Serialize(new { query = "{" + string.Concat(Enumerable.Repeat("... on Query {", 15_000)) + " __typename" + new string('}', 15_001) }), "MAX_DEPTH_EXCEEDED" },
        { "unknown field", """{"query": "{ nope }"}""", "FIELDS_ON_CORRECT_TYPE" },
        { "wrong argument type", """{"query": "{ products(first: \"ten\") { totalCount } }"}""", "ARGUMENTS_OF_CORRECT_TYPE" },
        { "wrong variable type", """{"query": "query($first: Int) { products(first: $first) { totalCount } }", "variables": {"first": "ten"}}""", "INVALID_VALUE" },
        { "missing variable", """{"query": "query($slug: String!) { productBySlug(slug: $slug) { id } }"}""", "INVALID_VALUE" },
        { "unknown operation name", """{"query": "query A { __typename }", "operationName": "B"}""", "INVALID_OPERATION_NAME" },
        { "fragment cycle", """{"query": "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"}""", "NO_FRAGMENT_CYCLES" },
        { "too many fields", JsonSerializer.Serialize(new { query = "{" + string.Concat(Enumerable.Range(0, 1_100).Select(i => $" a{i}: __typename")) + " }" }), "DOCUMENT_TOO_MANY_FIELDS" },
        { "too deep", JsonSerializer.Serialize(new { query = "{ __type(name: \"Product\") { fields { type " + string.Concat(Enumerable.Repeat("{ ofType ", 20)) + "{ name }" + new string('}', 20) + " } } }" }), "DOCUMENT_TOO_DEEP" },
        { "too complex", JsonSerializer.Serialize(new { query = "{" + string.Concat(Enumerable.Range(0, 130).Select(i => $" p{i}: products(first: 50) {{ nodes {{ id name price images }} }}")) + " }" }), "COMPLEXITY" },
        { "admin field, anonymous", """{"query": "{ orders(first: 1) { totalCount } }"}""", "AUTH_NOT_AUTHENTICATED" },
        { "too many items per page", """{"query": "{ products(first: 500) { totalCount } }"}""", "HC0051" },
        { "cursor that is not ours", """{"query": "{ products(first: 1, after: \"bm90IGEgY3Vyc29y\") { totalCount } }"}""", "HC0078" },
        { "node id that is not one", """{"query": "{ node(id: \"nope\") { id } }"}""", "INVALID_NODE_ID" },
        { "invalid JSON", """{"query": """, "JSON_INVALID" },
        { "unknown request parameter", """{"qeury": "{ __typename }"}""", "REQUEST_PARAMETER_UNKNOWN" },
        { "subscription (the schema has none)", """{"query": "subscription { products { totalCount } }"}""", "INVALID_OPERATION" },
        { "subscription chosen by name", """{"query": "query Q { __typename } subscription S { x }", "operationName": "S"}""", "INVALID_OPERATION" },
    };

    [Theory]
    [InlineData("subscription { products { totalCount } }", null)]
    [InlineData("subscription S { productAdded { id } }", "S")]
    [InlineData("query Q { __typename } subscription S { x }", "S")]
    public async Task An_operation_type_the_schema_does_not_have_is_a_client_error_not_an_internal_one(string query, string? operationName)
    {
        using var client = api.CreateClient();

        var (response, result) = await PostAsync(client, JsonSerializer.Serialize(new { query, operationName }));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_OPERATION", result.FirstErrorCode());
        Assert.Equal("This API does not support subscription operations.", result.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.False(result.TryGetProperty("data", out _), result.ToString());
    }

    [Fact]
    public async Task A_query_beside_a_subscription_still_runs_when_it_is_chosen()
    {
        using var client = api.CreateClient();

        var (response, result) = await PostAsync(client, JsonSerializer.Serialize(new { query = "query Q { __typename } subscription S { x }", operationName = "Q" }));

        Assert.True(response.IsSuccessStatusCode, result.ToString());
        Assert.Equal("Query", result.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Theory]
    [MemberData(nameof(ClientErrors))]
    public async Task A_client_error_carries_no_exception_details_in_development(string name, string body, string code)
    {
        await using var development = InDevelopment(new FailingCommands());
        using var client = development.CreateClient();

        var (_, result) = await PostAsync(client, body);

        var errors = result.GetProperty("errors");
        Assert.True(errors.EnumerateArray().Any(e => e.GetProperty("extensions").GetProperty("code").GetString() == code), $"{name}: {result}");
        foreach (var error in errors.EnumerateArray())
        {
            Assert.False(error.GetProperty("extensions").TryGetProperty("details", out _), $"{name}: {error}");
        }

        Assert.DoesNotContain("   at ", result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_server_error_carries_its_details_in_development()
    {
        var failing = new FailingCommands { Failing = true };
        await using var development = InDevelopment(failing);
        using var client = development.CreateClient();

        var (_, result) = await client.PostGraphQLAsync("{ featuredProducts { name } }");

        var details = result.GetProperty("errors")[0].GetProperty("extensions").GetProperty("details").GetString();
        Assert.Contains(Failure, details, StringComparison.Ordinal);
        Assert.Contains("   at ", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_server_error_carries_no_details_outside_development()
    {
        var failing = new FailingCommands { Failing = true };
        await using var testing = api.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(failing)));
        using var client = testing.CreateClient();

        var (_, result) = await client.PostGraphQLAsync("{ featuredProducts { name } }");

        Assert.Equal("INTERNAL_ERROR", result.FirstErrorCode());
        Assert.False(result.GetProperty("errors")[0].GetProperty("extensions").TryGetProperty("details", out _));
        Assert.DoesNotContain(Failure, result.ToString(), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> InDevelopment(FailingCommands failing) =>
        api.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(failing));
        });

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLHttp.ResponseMediaType));
        var response = await client.SendAsync(request);
        return (response, await GraphQLHttp.ReadJsonAsync(response));
    }

    /// <summary>A bug of ours, as far as GraphQL can tell: not a client's mistake, not a database being away.</summary>
    private sealed class FailingCommands : DbCommandInterceptor
    {
        public bool Failing { get; init; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            Failing ? throw new InvalidOperationException(Failure) : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
