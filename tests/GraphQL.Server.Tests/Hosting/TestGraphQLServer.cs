using System.Net.Http.Json;
using System.Text.Json;
using Diecast.GraphQL.Server.Http;
using Diecast.GraphQL.Server.Protection.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.GraphQL.Server.Tests.Hosting;

/// <summary>
/// <see cref="TestSchema"/> served in memory by <c>AddGraphQLServer</c>/<c>MapGraphQLServer</c>, with in-memory rate
/// limits and the settings <see cref="StartAsync"/> is given (keys as in the "GraphQL" section, e.g. <c>MaxDepth</c>).
/// </summary>
public sealed class TestGraphQLServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestGraphQLServer(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public static async Task<TestGraphQLServer> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<GraphQLServerBuilder>? configure = null,
        Exception? fault = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseTestServer();
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["RateLimit:Store"] = nameof(RateLimitStore.InMemory),
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        builder.Services.AddSingleton(new ResolverFault(fault ?? new InvalidOperationException("boom")));
        builder.Services.AddGraphQLServer<TestSchema>(section, configure);
        var app = builder.Build();
        app.MapGraphQLServer("/graphql");
        await app.StartAsync();
        return new TestGraphQLServer(app);
    }

    /// <summary>POSTs <paramref name="query"/> as JSON, accepting the spec's response type; the status and the parsed body.</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.ParseAdd(GraphQLMediaTypes.GraphQLResponse);
        var response = await Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response, body);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
