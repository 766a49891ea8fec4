using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diecast.GraphQL.Server.Tests.Hosting;

namespace Diecast.GraphQL.Server.Tests;

/// <summary>The library hosted with a schema of its own: its entry points, options and hooks, without the shop.</summary>
public sealed class GraphQLServerRegistrationTests
{
    [Fact]
    public async Task A_schema_is_served_over_HTTP_at_the_mapped_path()
    {
        await using var server = await TestGraphQLServer.StartAsync();

        var (response, body) = await server.PostAsync("{ greeting }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", body.GetProperty("data").GetProperty("greeting").GetString());
    }

    [Fact]
    public async Task The_IDE_config_carries_the_title_the_options_give()
    {
        await using var server = await TestGraphQLServer.StartAsync(new Dictionary<string, string?> { ["IdeTitle"] = "Test shop" });

        var config = await server.Client.GetFromJsonAsync<JsonElement>(new Uri("/graphql/bcp-config.json", UriKind.Relative));

        Assert.Equal("Test shop", config.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Limits_come_from_the_configuration_section()
    {
        await using var server = await TestGraphQLServer.StartAsync(new Dictionary<string, string?> { ["MaxFields"] = "1" });

        var (response, body) = await server.PostAsync("{ a: greeting b: greeting }");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DOCUMENT_TOO_MANY_FIELDS", Code(body));
    }

    [Fact]
    public async Task Rate_limits_come_from_the_RateLimit_subsection()
    {
        await using var server = await TestGraphQLServer.StartAsync(new Dictionary<string, string?> { ["RateLimit:MutationsPerWindow"] = "1" });

        var (_, body) = await server.PostAsync("mutation { a: increment b: increment }");

        Assert.Equal("TOO_MANY_MUTATIONS", Code(body));
    }

    [Fact]
    public async Task A_mutation_sent_with_GET_is_refused_with_405()
    {
        await using var server = await TestGraphQLServer.StartAsync();

        using var response = await server.Client.GetAsync(new Uri("/graphql?query=" + Uri.EscapeDataString("mutation { increment }"), UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Without_privileged_callers_nobody_may_introspect_when_anonymous_introspection_is_off()
    {
        await using var server = await TestGraphQLServer.StartAsync(new Dictionary<string, string?> { ["AnonymousIntrospection"] = "false" });

        var (_, body) = await server.PostAsync("{ __schema { queryType { name } } }");

        Assert.Equal("HC0046", Code(body));
    }

    [Fact]
    public async Task Without_a_failure_classifier_a_failing_resolver_is_an_INTERNAL_ERROR()
    {
        await using var server = await TestGraphQLServer.StartAsync(fault: new TimeoutException("the backend is slow"));

        var (response, body) = await server.PostAsync("{ failing }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("INTERNAL_ERROR", Code(body));
    }

    [Fact]
    public async Task A_retryable_failure_that_costs_every_root_field_is_a_503_with_Retry_After()
    {
        await using var server = await TestGraphQLServer.StartAsync(
            configure: server => server.AddResolverFailureClassifier<TimeoutsAreRetryable>(),
            fault: new TimeoutException("the backend is slow"));

        var (response, body) = await server.PostAsync("{ failing }");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal("BACKEND_TIMEOUT", Code(body));
        Assert.True(body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("retryable").GetBoolean());
    }

    [Fact]
    public async Task A_retryable_failure_beside_data_leaves_the_status_200()
    {
        await using var server = await TestGraphQLServer.StartAsync(
            configure: server => server.AddResolverFailureClassifier<TimeoutsAreRetryable>(),
            fault: new TimeoutException("the backend is slow"));

        var (response, body) = await server.PostAsync("{ greeting failing }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("BACKEND_TIMEOUT", Code(body));
    }

    private static string? Code(JsonElement body) =>
        body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();

    private sealed class TimeoutsAreRetryable : IResolverFailureClassifier
    {
        public ResolverFailure? Classify(Exception exception, bool afterMutation) =>
            exception is TimeoutException ? new ResolverFailure("BACKEND_TIMEOUT", "The backend did not answer in time.", Retryable: true) : null;
    }
}
