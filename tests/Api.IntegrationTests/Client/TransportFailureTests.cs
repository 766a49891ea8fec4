using System.Net;
using System.Net.Sockets;
using System.Text;
using Diecast.GraphQL.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.Api.IntegrationTests.Client;

/// <summary>Failures below GraphQL come back as typed errors with clear messages, never as exceptions.</summary>
public sealed class TransportFailureTests
{
    [Fact]
    public async Task A_refused_connection_is_a_network_error()
    {
        var port = UnusedPort();
        using var services = Services(http => http.BaseAddress = new Uri($"http://127.0.0.1:{port}/graphql"));

        var result = await services.GetRequiredService<IApiTestClient>().NodeById.ExecuteAsync("x");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ClientErrorCodes.NetworkError, error.Code);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.Exception);
        Assert.Null(result.StatusCode);
    }

    [Fact]
    public async Task An_HTML_502_from_a_proxy_is_an_unexpected_content_type_error()
    {
        using var services = Services(answer: new(HttpStatusCode.BadGateway) { Content = new StringContent("<html><body>Bad gateway</body></html>", Encoding.UTF8, "text/html") });

        var result = await services.GetRequiredService<IApiTestClient>().NodeById.ExecuteAsync("x");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ClientErrorCodes.UnexpectedContentType, error.Code);
        Assert.Contains("502 (BadGateway) with content type text/html", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bad gateway", error.Message, StringComparison.Ordinal);
        Assert.Equal(502, result.StatusCode);
    }

    [Fact]
    public async Task An_application_json_500_is_an_HTTP_error_not_a_GraphQL_response()
    {
        using var services = Services(answer: new(HttpStatusCode.InternalServerError) { Content = new StringContent("""{"title":"Server error"}""", Encoding.UTF8, "application/json") });

        var result = await services.GetRequiredService<IApiTestClient>().NodeById.ExecuteAsync("x");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ClientErrorCodes.HttpError, error.Code);
        Assert.Contains("500 (InternalServerError) with content type application/json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_JSON_is_a_malformed_response_error()
    {
        using var services = Services(answer: new(HttpStatusCode.OK) { Content = new StringContent("{\"data\": {", Encoding.UTF8, GraphQLHttpConnection.GraphQLResponseMediaType) });

        var result = await services.GetRequiredService<IApiTestClient>().NodeById.ExecuteAsync("x");

        Assert.Equal(ClientErrorCodes.MalformedResponse, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task A_timeout_is_a_timeout_error_but_the_callers_cancellation_still_throws()
    {
        using var services = Services(http => http.Timeout = TimeSpan.FromMilliseconds(200), delay: TimeSpan.FromSeconds(30));
        var client = services.GetRequiredService<IApiTestClient>();

        var result = await client.NodeById.ExecuteAsync("x");
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.Equal(ClientErrorCodes.Timeout, Assert.Single(result.Errors).Code);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.NodeById.ExecuteAsync("x", cancelled.Token));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ServiceProvider Services(Action<HttpClient>? configure = null, HttpResponseMessage? answer = null, TimeSpan? delay = null)
    {
        var services = new ServiceCollection();
        services.AddApiTestClient().ConfigureHttpClient(
            (_, http) =>
            {
                http.BaseAddress ??= new Uri("http://upstream.test/graphql");
                configure?.Invoke(http);
            },
            http =>
            {
                if (answer is not null || delay is not null)
                {
                    http.ConfigurePrimaryHttpMessageHandler(() => new FixedAnswerHandler(answer, delay));
                }
            });
        return services.BuildServiceProvider();
    }

    /// <summary>A stand-in for a proxy or a broken server in front of the API.</summary>
    private sealed class FixedAnswerHandler(HttpResponseMessage? answer, TimeSpan? delay) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (delay is { } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }

            return answer ?? new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }
}
