using System.Net.Http.Headers;
using System.Text;

namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>Malformed, hostile and oversized requests: each gets a precise status and error code, never a 500.</summary>
public sealed class GraphQLHttpTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Json = "application/json";
    private const string GraphQLResponse = GraphQLHttp.ResponseMediaType;

    public static TheoryData<string, string, string?, string?, string?, int, string> BadRequests()
    {
        return new()
        {
            // name, method, content type, accept, body (POST) or query string (GET), status, code
            { "invalid JSON", "POST", Json, GraphQLResponse, "{\"query\": ", 400, "JSON_INVALID" },
            { "body is an array", "POST", Json, GraphQLResponse, "[{\"query\": \"{ __typename }\"}]", 400, "REQUEST_NOT_AN_OBJECT" },
            { "body is empty", "POST", Json, GraphQLResponse, "", 400, "REQUEST_BODY_MISSING" },
            { "no content type", "POST", null, GraphQLResponse, "{\"query\": \"{ __typename }\"}", 415, "CONTENT_TYPE_MISSING" },
            { "form content type", "POST", "application/x-www-form-urlencoded", GraphQLResponse, "query=%7B__typename%7D", 415, "CONTENT_TYPE_UNSUPPORTED" },
            { "non-UTF-8 charset", "POST", "application/json; charset=latin1", GraphQLResponse, "{\"query\": \"{ __typename }\"}", 415, "CONTENT_TYPE_UNSUPPORTED" },
            { "missing query", "POST", Json, GraphQLResponse, "{\"variables\": {}}", 400, "QUERY_MISSING" },
            { "blank query", "POST", Json, GraphQLResponse, "{\"query\": \"  \"}", 400, "QUERY_MISSING" },
            { "query is a number", "POST", Json, GraphQLResponse, "{\"query\": 1}", 400, "REQUEST_PARAMETER_INVALID" },
            { "variables is an array", "POST", Json, GraphQLResponse, "{\"query\": \"{ __typename }\", \"variables\": [1]}", 400, "REQUEST_PARAMETER_INVALID" },
            { "variables is a string", "POST", Json, GraphQLResponse, "{\"query\": \"{ __typename }\", \"variables\": \"{}\"}", 400, "REQUEST_PARAMETER_INVALID" },
            { "unknown request parameter", "POST", Json, GraphQLResponse, "{\"qeury\": \"{ __typename }\"}", 400, "REQUEST_PARAMETER_UNKNOWN" },
            { "syntax error", "POST", Json, GraphQLResponse, "{\"query\": \"{ products \"}", 400, "SYNTAX_ERROR" },
            { "unknown field", "POST", Json, GraphQLResponse, "{\"query\": \"{ nope }\"}", 400, "FIELDS_ON_CORRECT_TYPE" },
            { "unknown argument", "POST", Json, GraphQLResponse, "{\"query\": \"{ productBySlug(slug: \\\"a\\\", colour: 1) { id } }\"}", 400, "KNOWN_ARGUMENT_NAMES" },
            { "unknown operation name", "POST", Json, GraphQLResponse, "{\"query\": \"query A { __typename }\", \"operationName\": \"B\"}", 400, "INVALID_OPERATION_NAME" },
            { "wrong variable type", "POST", Json, GraphQLResponse, "{\"query\": \"query($slug: String!) { productBySlug(slug: $slug) { id } }\", \"variables\": {\"slug\": 5}}", 400, "INVALID_VALUE" },
            { "missing required variable", "POST", Json, GraphQLResponse, "{\"query\": \"query($slug: String!) { productBySlug(slug: $slug) { id } }\"}", 400, "INVALID_VALUE" },
            { "nothing acceptable", "POST", Json, "text/csv", "{\"query\": \"{ __typename }\"}", 406, "NOT_ACCEPTABLE" },
            { "unparsable accept", "POST", Json, "application/json;;;==,,q", "{\"query\": \"{ __typename }\"}", 400, "ACCEPT_INVALID" },
            { "mutation over GET", "GET", null, GraphQLResponse, "query=mutation%20%7B%20__typename%20%7D", 405, "METHOD_NOT_ALLOWED" },
            { "mutation over GET, legacy JSON", "GET", null, Json, "query=mutation%20%7B%20__typename%20%7D", 405, "METHOD_NOT_ALLOWED" },
            { "mutation over GET among queries", "GET", null, GraphQLResponse, "query=query%20A%20%7B%20__typename%20%7D%20mutation%20B%20%7B%20__typename%20%7D&operationName=B", 405, "METHOD_NOT_ALLOWED" },
            { "GET without query", "GET", null, GraphQLResponse, "operationName=A", 400, "QUERY_MISSING" },
            { "GET with malformed variables", "GET", null, GraphQLResponse, "query=%7B__typename%7D&variables=%7Bnope", 400, "JSON_INVALID" },
            { "GET with repeated query", "GET", null, GraphQLResponse, "query=%7B__typename%7D&query=%7B__typename%7D", 400, "REQUEST_PARAMETER_REPEATED" },
            { "GET with unknown parameter", "GET", null, GraphQLResponse, "query=%7B__typename%7D&debug=1", 400, "REQUEST_PARAMETER_UNKNOWN" },
            { "GET with an unknown field", "GET", null, GraphQLResponse, "query=%7B%20nope%20%7D", 400, "FIELDS_ON_CORRECT_TYPE" },
        };
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_get_a_precise_error(string name, string method, string? contentType, string? accept, string? payload, int status, string code)
    {
        using var request = method == "GET"
            ? new HttpRequestMessage(HttpMethod.Get, "/graphql?" + payload)
            : new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(payload ?? "")) };
        if (contentType is not null)
        {
            request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var client = api.CreateClient();
        var response = await client.SendAsync(request);
        var body = await GraphQLHttp.ReadJsonAsync(response);

        Assert.True(status == (int)response.StatusCode, $"{name}: expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(code, body.FirstErrorCode());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("errors")[0].GetProperty("message").GetString()));
        Assert.False(body.TryGetProperty("data", out _), $"{name}: a request that was not executed has no data");
        Assert.DoesNotContain("   at ", body.ToString(), StringComparison.Ordinal);
    }

    // Text that is not Unicode, anywhere in a request. POST bodies are hex (bytes as sent); \\u escapes are JSON's.
    public static TheoryData<string, string> NotUnicodeBodies => new()
    {
        { "unpaired high surrogate in variables", Hex("""{"query":"{ __typename }","variables":{"a":"\ud800"}}""") },
        { "unpaired low surrogate in the query", Hex("""{"query":"{ __typename } # \udc00"}""") },
        { "surrogate in operationName", Hex("""{"query":"query A { __typename }","operationName":"A\ud800"}""") },
        { "surrogate in extensions", Hex("""{"query":"{ __typename }","extensions":{"x":["\udfff"]}}""") },
        { "surrogate in a property name", Hex("""{"query":"{ __typename }","variables":{"\ud800":1}}""") },
        { "high surrogate before a letter", Hex("""{"query":"{ __typename }","variables":{"a":"\ud800\u0041"}}""") },
        { "pair in the wrong order", Hex("""{"query":"{ __typename }","variables":{"a":"\udc00\ud800"}}""") },
        { "surrogate deep in variables", Hex("""{"query":"{ __typename }","variables":{"a":[{"b":{"c":"ok \uDBFF"}}]}}""") },
        { "a byte that is never UTF-8", Hex("""{"query":"{ __typename }","variables":{"a":"x""") + "ff" + Hex("\"}}") },
        { "an overlong encoding", Hex(VariablePrefix) + "c0af" + Hex("\"}}") },
        { "a surrogate encoded as UTF-8", Hex(VariablePrefix) + "eda080" + Hex("\"}}") },
        { "a truncated sequence", Hex(VariablePrefix) + "e282" + Hex("\"}}") },
        { "invalid UTF-8 in the query", Hex("""{"query":"{ __typename } #""") + "fe" + Hex("\"}") },
    };

    [Theory]
    [MemberData(nameof(NotUnicodeBodies))]
    public async Task A_body_that_is_not_Unicode_is_refused_with_UNICODE_INVALID(string name, string hex)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(Convert.FromHexString(hex)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Json);
        request.Headers.Accept.ParseAdd(GraphQLResponse);

        await AssertNotUnicodeAsync(name, request);
    }

    public static TheoryData<string, string> NotUnicodeQueryStrings => new()
    {
        { "percent-encoded byte that is never UTF-8", "query=%7B__typename%7D%23%FF" },
        { "percent-encoded surrogate", "query=%7B__typename%7D&operationName=%ED%A0%80" },
        { "percent-encoded truncated sequence", "query=%7B__typename%7D&variables=%7B%22a%22%3A%22%E2%82%22%7D" },
        { "escaped surrogate in variables", "query=%7B__typename%7D&variables=%7B%22a%22%3A%22%5Cud800%22%7D" },
        { "escaped surrogate in extensions", "query=%7B__typename%7D&extensions=%7B%22a%22%3A%22%5CuDC00%22%7D" },
    };

    [Theory]
    [MemberData(nameof(NotUnicodeQueryStrings))]
    public async Task A_query_string_that_is_not_Unicode_is_refused_with_UNICODE_INVALID(string name, string queryString)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?" + queryString);
        request.Headers.Accept.ParseAdd(GraphQLResponse);

        await AssertNotUnicodeAsync(name, request);
    }

    [Fact]
    public async Task Text_beyond_the_basic_plane_is_Unicode_and_accepted()
    {
        using var client = api.CreateClient();
        // 🚗 as a JSON surrogate-pair escape, as raw UTF-8, and percent-encoded in a GET.
        using var escaped = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"query($a: String) { __typename }","variables":{"a":"\ud83d\ude97 🚗"}}""", Encoding.UTF8, Json) };
        using var get = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D%23%F0%9F%9A%97&variables=%7B%22a%22%3A%22%5Cud83d%5Cude97%22%7D");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(escaped)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(get)).StatusCode);
    }

    private async Task AssertNotUnicodeAsync(string name, HttpRequestMessage request)
    {
        using var client = api.CreateClient();
        var response = await client.SendAsync(request);
        var body = await GraphQLHttp.ReadJsonAsync(response);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode} {body}");
        Assert.Equal("UNICODE_INVALID", body.FirstErrorCode());
        Assert.False(body.TryGetProperty("data", out _));
    }

    private const string VariablePrefix = "{\"query\":\"{ __typename }\",\"variables\":{\"a\":\"";

    private static string Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Mutation_over_GET_names_the_allowed_method()
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync("/graphql?query=mutation%20%7B%20__typename%20%7D");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Other_methods_are_not_allowed()
    {
        using var client = api.CreateClient();
        var response = await client.PutAsync("/graphql", new StringContent("{}", Encoding.UTF8, Json));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_it_is_read()
    {
        using var client = api.CreateClient();
        var query = "{ __typename }" + new string(' ', 300 * 1024);
        var (response, body) = await client.PostGraphQLAsync(query);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("REQUEST_TOO_LARGE", body.FirstErrorCode());
    }

    [Fact]
    public async Task A_streamed_body_over_the_limit_is_refused_while_it_is_read()
    {
        using var client = api.CreateClient();
        var payload = Encoding.UTF8.GetBytes("{\"query\": \"{ __typename }" + new string(' ', 300 * 1024) + "\"}");
        using var content = new StreamContent(new MemoryStream(payload));
        content.Headers.ContentType = new MediaTypeHeaderValue(Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Validation_errors_are_200_for_legacy_json_clients()
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{\"query\": \"{ nope }\"}", Encoding.UTF8, Json) };
        request.Headers.Accept.ParseAdd(Json);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Json, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", (await GraphQLHttp.ReadJsonAsync(response)).FirstErrorCode());
    }

    [Fact]
    public async Task A_query_over_GET_is_executed()
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd(GraphQLResponse);
        var response = await client.GetAsync("/graphql?query=query%20Q(%24s%3A%20String!)%20%7B%20productBySlug(slug%3A%20%24s)%20%7B%20slug%20%7D%20%7D&variables=%7B%22s%22%3A%22autoart-pagani-zonda-r-1-18%22%7D");
        var body = await GraphQLHttp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLResponse, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("autoart-pagani-zonda-r-1-18", body.GetProperty("data").GetProperty("productBySlug").GetProperty("slug").GetString());
    }

    [Theory]
    [InlineData("{\"query\": \"{ featuredProducts { slug name price } }\"}", 200)]
    [InlineData("{\"query\": \"{ nope }\"}", 400)]
    [InlineData("{\"query\": ", 400)]
    public async Task Responses_are_sent_whole_with_their_length(string payload, int status)
    {
        using var client = api.CreateClient();
        using var content = new StringContent(payload, Encoding.UTF8, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Accept.ParseAdd(GraphQLResponse);

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
    }
}
