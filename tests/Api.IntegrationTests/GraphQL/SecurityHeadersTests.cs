using System.Net.Http.Headers;
using Diecast.GraphQL.Server.BananaCakePop;

namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>
/// Banana Cake Pop, where admins paste bearer tokens, cannot be framed by another site, sniffed or leaked through a
/// Referer; GraphQL results are never sniffed into HTML.
/// </summary>
public sealed class SecurityHeadersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> IdeResponses() => ["/graphql", "/graphql/", "/graphql/bcp-config.json", "/graphql/favicon.svg", "/graphql/service-worker.js", "/graphql/nope.js"];

    [Theory]
    [MemberData(nameof(IdeResponses))]
    public async Task Every_response_of_the_IDE_forbids_framing_sniffing_and_referrers(string path)
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request);

        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal(BananaCakePopIde.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_IDE_scripts_come_from_this_server_only()
    {
        var policy = BananaCakePopIde.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries);

        // 'unsafe-eval' stays (the IDE compiles validators with new Function); inline and remote scripts do not.
        Assert.Contains("script-src 'self' 'unsafe-eval'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.DoesNotContain(policy, directive => directive.Contains("unsafe-inline", StringComparison.Ordinal) && directive.StartsWith("script-src", StringComparison.Ordinal));
        Assert.DoesNotContain(policy, directive => directive.Contains('*', StringComparison.Ordinal) || directive.Contains("http", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ __typename }")]
    [InlineData("{ nope }")]
    public async Task GraphQL_results_and_errors_are_never_sniffed(string query)
    {
        using var client = api.CreateClient();

        var (response, _) = await client.PostGraphQLAsync(query);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task A_refused_request_is_never_sniffed_either()
    {
        using var client = api.CreateClient();
        using var content = new StringContent("{\"query\": ");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync("/graphql", content);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";
}
