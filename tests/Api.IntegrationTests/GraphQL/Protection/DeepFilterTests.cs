namespace Diecast.Api.IntegrationTests.GraphQL.Protection;

/// <summary>
/// A filter's size and nesting decide how deep the expression tree built from it is, and every consumer of that
/// tree (EF Core's translation, the SQL generator, PostgreSQL's parser) recurses on its depth. One anonymous request
/// of 140 KB once ended the process with a stack overflow, which no handler can catch; so these run against the
/// API as a process of its own and check that it still answers afterwards. The document limits refuse such input
/// first; with them raised, the balanced trees and the filter builder's own nesting bound must still hold.
/// </summary>
public sealed class DeepFilterTests
{
    [Fact]
    public async Task An_or_of_thousands_of_terms_in_a_variable_default_is_refused_and_the_process_keeps_answering()
    {
        await using var api = await ApiProcess.StartAsync();

        var (response, body) = await PostAsync(api, DefaultedOr(8_000));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode} {body}");
        Assert.Equal("DOCUMENT_TOO_MANY_INPUT_VALUES", body.FirstErrorCode());
        await AssertStillAnsweringAsync(api);
    }

    [Fact]
    public async Task With_the_document_limits_raised_filters_of_tens_of_thousands_of_terms_run_and_the_process_keeps_answering()
    {
        await using var api = await ApiProcess.StartAsync(RaisedLimits);

        // The request that crashed the process, then larger ones by variables and in nested lists.
        foreach (var (name, query, variables) in new (string, string, object?)[]
        {
            ("8,000 terms in a default", DefaultedOr(8_000), null),
            ("20,000 terms in variables", "query($w: ProductFilterInput) { products(first: 1, where: $w) { totalCount nodes { id } } }", new { w = new { or = Terms(20_000) } }),
            ("and over or, 10,000 terms", "query($w: ProductFilterInput) { products(first: 1, where: $w) { nodes { id } } }", new { w = new { and = Enumerable.Range(0, 100).Select(i => new { or = Terms(100, offset: i) }).ToArray() } }),
        })
        {
            var (response, body) = await PostAsync(api, query, variables);

            Assert.True(response.StatusCode == HttpStatusCode.OK && !body.TryGetProperty("errors", out _), $"{name}: {response.StatusCode} {Shorten(body)}\n{api.Output}");
            Assert.Equal(JsonValueKind.Array, body.GetProperty("data").GetProperty("products").GetProperty("nodes").ValueKind);
        }

        // More terms than PostgreSQL takes parameters in one statement: refused by the database, a coded error.
        var (tooMany, refused) = await PostAsync(api, "query($w: ProductFilterInput) { products(first: 1, where: $w) { nodes { id } } }", new { w = new { or = Terms(70_000) } });

        Assert.True(tooMany.StatusCode == HttpStatusCode.OK, $"{tooMany.StatusCode} {Shorten(refused)}");
        Assert.True(refused.FirstErrorCode() == "QUERY_TOO_COMPLEX", $"{Shorten(refused)}\n{api.Output}");
        await AssertStillAnsweringAsync(api);
    }

    [Fact]
    public async Task With_the_document_limits_raised_a_filter_nested_as_deep_as_the_builder_allows_runs_and_deeper_is_FILTER_TOO_DEEP()
    {
        await using var api = await ApiProcess.StartAsync(RaisedLimits);

        // Each `or` level is two levels of nesting (an object and its list); the innermost object and its `price` add two more.
        var deepest = (Diecast.GraphQL.Querying.Filtering.FilterExpressionBuilder.MaxNesting - 2) / 2;
        var fits = await PostAsync(api, "query($w: ProductFilterInput) { products(first: 1, where: $w) { nodes { id } } }", new { w = NestedOr(deepest, width: 100) });
        var tooDeep = await PostAsync(api, "query($w: ProductFilterInput) { products(first: 1, where: $w) { nodes { id } } }", new { w = NestedOr(deepest + 1, width: 2) });

        Assert.True(fits.Response.StatusCode == HttpStatusCode.OK && !fits.Body.TryGetProperty("errors", out _), $"{fits.Response.StatusCode} {Shorten(fits.Body)}\n{api.Output}");
        Assert.Equal("FILTER_TOO_DEEP", tooDeep.Body.FirstErrorCode());
        await AssertStillAnsweringAsync(api);
    }

    /// <summary>Limits an operator could set without seeing the risk: everything but the filter builder's own bound.</summary>
    private static readonly Dictionary<string, string> RaisedLimits = new()
    {
        ["GraphQL__MaxRequestBytes"] = $"{16 * 1024 * 1024}",
        ["GraphQL__MaxInputValues"] = "10000000",
        ["GraphQL__MaxDepth"] = "100",
        ["GraphQL__MaxComplexity"] = "10000000",
        ["GraphQL__RateLimit__Enabled"] = "false",
    };

    private static string DefaultedOr(int terms) =>
        "query($w: ProductFilterInput = { or: [" + string.Join(", ", Enumerable.Range(0, terms).Select(i => $"{{price:{{eq:{i}}}}}")) + "] }) { products(first: 1, where: $w) { nodes { id } } }";

    private static object[] Terms(int count, int offset = 0) =>
        [.. Enumerable.Range(offset, count).Select(i => new { price = new { eq = i } })];

    private static object NestedOr(int levels, int width)
    {
        object filter = new { price = new { eq = 1 } };
        for (var level = 0; level < levels; level++)
        {
            var inner = filter;
            filter = new { or = Enumerable.Range(0, width).Select(i => i == 0 ? inner : new { price = new { eq = i } }).ToArray() };
        }

        return filter;
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(ApiProcess api, string query, object? variables = null)
    {
        try
        {
            return await api.Client.PostGraphQLAsync(query, variables);
        }
        catch (HttpRequestException e)
        {
            Assert.Fail($"The API did not answer ({e.Message}); exited: {api.HasExited}\n{api.Output}");
            throw;
        }
    }

    private static async Task AssertStillAnsweringAsync(ApiProcess api)
    {
        Assert.True(await api.IsLiveAsync(), $"The API process is gone:\n{api.Output}");
        var data = await api.Client.QueryDataAsync("{ products(first: 1) { nodes { id } } }");
        Assert.Equal(1, data.GetProperty("products").GetProperty("nodes").GetArrayLength());
    }

    private static string Shorten(JsonElement body)
    {
        var text = body.ToString();
        return text.Length > 2_000 ? text[..2_000] + "…" : text;
    }
}
