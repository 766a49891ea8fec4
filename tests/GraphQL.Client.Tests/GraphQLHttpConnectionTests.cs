using System.Net;

namespace Diecast.GraphQL.Client.Tests;

/// <summary>What the connection sends, and how it reads a GraphQL response into data and errors.</summary>
public sealed class GraphQLHttpConnectionTests
{
    private const string NoResults = """{"data":{"__typename":"Query","search":[]}}""";

    [Fact]
    public async Task A_request_posts_the_document_its_name_and_its_variables_as_JSON_accepting_GraphQL_responses_first()
    {
        var api = StandInApi.Answering(NoResults);
        using var headers = new HeaderRecorder(api);
        var connection = new GraphQLHttpConnection(new HttpClient(headers) { BaseAddress = new Uri("http://api.test/graphql") });

        await connection.ExecuteAsync(SearchOperation.Request(), SearchOperation.Read, CancellationToken.None);

        var sent = Assert.Single(headers.Sent);
        Assert.Equal((HttpMethod.Post, new Uri("http://api.test/graphql")), (sent.Method, sent.Address));
        Assert.Equal("application/json; charset=utf-8", sent.ContentType);
        Assert.Equal(["application/graphql-response+json", "application/json"], sent.Accept);
        Assert.Equal($$$"""{"query":"{{{SearchOperation.Document}}}","operationName":"Search","variables":{"term":"dune"}}""", Assert.Single(api.Requests).GetRawText());
    }

    [Fact]
    public async Task In_document_id_mode_only_the_id_is_sent()
    {
        var api = StandInApi.Answering(NoResults);

        await SearchOperation.ExecuteAsync(api, GraphQLDocumentMode.DocumentId);

        var body = Assert.Single(api.Requests);
        Assert.False(body.TryGetProperty("query", out _));
        Assert.Equal(TrustedDocumentsFile.IdOf(SearchOperation.Document), body.GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task An_operation_without_variables_sends_no_variables()
    {
        var api = StandInApi.Answering(NoResults);
        var connection = new GraphQLHttpConnection(new HttpClient(api) { BaseAddress = new Uri("http://api.test/graphql") });

        await connection.ExecuteAsync(SearchOperation.Request() with { WriteVariables = null }, SearchOperation.Read, CancellationToken.None);

        Assert.False(Assert.Single(api.Requests).TryGetProperty("variables", out _));
    }

    [Fact]
    public async Task GraphQL_errors_keep_their_code_path_and_locations_and_EnsureNoErrors_lists_them()
    {
        var result = await SearchOperation.ExecuteAsync(StandInApi.Answering("""
            {"errors":[
              {"message":"Not allowed.","locations":[{"line":2,"column":3}],"path":["search",0],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}},
              {"message":"Top-level code wins.","code":"TOP","extensions":{"code":"NESTED"}}]}
            """, HttpStatusCode.BadRequest));

        Assert.True(result.IsErrorResult());
        Assert.Equal(400, result.StatusCode);
        Assert.Equal(["AUTH_NOT_AUTHORIZED", "TOP"], result.Errors.Select(e => e.Code));
        Assert.Equal(["search", 0], result.Errors[0].Path!);
        Assert.Equal(new ErrorLocation(2, 3), Assert.Single(result.Errors[0].Locations!));
        var exception = Assert.Throws<GraphQLClientException>(result.EnsureNoErrors);
        Assert.Contains("Not allowed. (AUTH_NOT_AUTHORIZED)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Top-level code wins. (TOP)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_and_errors_together_are_partial_data_not_success()
    {
        var result = await SearchOperation.ExecuteAsync(StandInApi.Answering("""
            {"data":{"__typename":"Query","search":[{"__typename":"Book"}]},"errors":[{"message":"One result was hidden."}]}
            """));

        Assert.Equal(["Book"], result.Data!);
        Assert.True(result.IsErrorResult());
        Assert.False(result.IsSuccessResult());
    }

    [Fact]
    public async Task A_GraphQL_response_with_a_failure_status_and_no_errors_is_an_HTTP_error()
    {
        var result = await SearchOperation.ExecuteAsync(StandInApi.Answering(NoResults, HttpStatusCode.ServiceUnavailable));

        Assert.Equal(ClientErrorCodes.HttpError, Assert.Single(result.Errors).Code);
        Assert.Equal(503, result.StatusCode);
    }

    [Fact]
    public async Task An_application_json_response_with_a_success_status_is_read_as_GraphQL()
    {
        var result = await SearchOperation.ExecuteAsync(new StandInApi(HttpStatusCode.OK, "application/json", """{"data":{"__typename":"Query","search":[{"__typename":"Author"}]}}"""));

        Assert.True(result.IsSuccessResult());
        Assert.Equal(["Author"], result.Data!);
    }

    /// <summary>What <see cref="StandInApi"/> does not record of a request: its method, address and headers.</summary>
    private sealed class HeaderRecorder(StandInApi api) : DelegatingHandler(api)
    {
        public List<(HttpMethod Method, Uri? Address, string? ContentType, string[] Accept)> Sent { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Add((request.Method, request.RequestUri, request.Content?.Headers.ContentType?.ToString(), [.. request.Headers.Accept.Select(a => a.MediaType ?? "")]));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
