using System.Net.Http.Json;
using System.Security.Claims;
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

    /// <summary>Makes the caller a signed-in user with the comma-separated roles it holds (none: empty).</summary>
    public const string TestUserHeader = "X-Test-Roles";

    public HttpClient Client { get; }

    /// <summary>The host's services (e.g. the <see cref="UploadLog"/>).</summary>
    public IServiceProvider Services => _app.Services;

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
        builder.Services.AddSingleton<UploadLog>();
        builder.Services.AddGraphQLServer<TestSchema>(section, server =>
        {
            server.AddGraphTypes(typeof(TestSchema).Assembly);
            configure?.Invoke(server);
        });
        var app = builder.Build();
        app.Use((context, next) =>
        {
            // The tests' stand-in for authentication: the caller is who this header says, with these roles.
            if (context.Request.Headers[TestUserHeader] is [{ } roles])
            {
                var claims = roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(role => new Claim(ClaimTypes.Role, role));
                context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType: "Test"));
            }

            return next(context);
        });
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
