using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.GraphQL.Client.Tests;

/// <summary>Failures below GraphQL come back as typed errors with clear messages, never as exceptions.</summary>
public sealed class TransportFailureTests
{
    [Fact]
    public async Task A_refused_connection_is_a_network_error()
    {
        var port = UnusedPort();
        using var services = Services(http => http.BaseAddress = new Uri($"http://127.0.0.1:{port}/graphql"));

        var result = await services.GetRequiredService<SearchClient>().ExecuteAsync();

        var error = Assert.Single(result.Errors);
        Assert.Equal(ClientErrorCodes.NetworkError, error.Code);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.Exception);
        Assert.Null(result.StatusCode);
    }

    [Fact]
    public async Task An_HTML_502_from_a_proxy_is_an_unexpected_content_type_error()
    {
        using var services = Services(api: new StandInApi(HttpStatusCode.BadGateway, "text/html", "<html><body>Bad gateway</body></html>"));

        var result = await services.GetRequiredService<SearchClient>().ExecuteAsync();

        var error = Assert.Single(result.Errors);
        Assert.Equal(ClientErrorCodes.UnexpectedContentType, error.Code);
        Assert.Contains("502 (BadGateway) with content type text/html", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bad gateway", error.Message, StringComparison.Ordinal);
        Assert.Equal(502, result.StatusCode);
    }

    [Fact]
    public async Task An_application_json_500_is_an_HTTP_error_not_a_GraphQL_response()
    {
        using var services = Services(api: new StandInApi(HttpStatusCode.InternalServerError, "application/json", """{"title":"Server error"}"""));

        var result = await services.GetRequiredService<SearchClient>().ExecuteAsync();

        var error = Assert.Single(result.Errors);
        Assert.Equal(ClientErrorCodes.HttpError, error.Code);
        Assert.Contains("500 (InternalServerError) with content type application/json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_JSON_is_a_malformed_response_error()
    {
        using var services = Services(api: StandInApi.Answering("{\"data\": {"));

        var result = await services.GetRequiredService<SearchClient>().ExecuteAsync();

        Assert.Equal(ClientErrorCodes.MalformedResponse, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task A_timeout_is_a_timeout_error_but_the_callers_cancellation_still_throws()
    {
        // REVIEW: HttpClient's timeout runs on the real clock (HttpClient takes no TimeProvider), so this waits 200 ms.
        using var timingOut = Services(http => http.Timeout = TimeSpan.FromMilliseconds(200), StandInApi.Unresponsive());
        var unresponsive = StandInApi.Unresponsive();
        using var waiting = Services(api: unresponsive);
        using var cancelled = new CancellationTokenSource();

        var result = await timingOut.GetRequiredService<SearchClient>().ExecuteAsync();
        var call = waiting.GetRequiredService<SearchClient>().ExecuteAsync(cancelled.Token);
        await unresponsive.Requested;
        await cancelled.CancelAsync();

        Assert.Equal(ClientErrorCodes.Timeout, Assert.Single(result.Errors).Code);
        Assert.Contains("timed out after 0.2 s", result.Errors[0].Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A <see cref="SearchClient"/> registered as generated clients are, reaching <paramref name="api"/> when given, else the network.</summary>
    private static ServiceProvider Services(Action<HttpClient>? configure = null, StandInApi? api = null)
    {
        var services = new ServiceCollection();
        services.AddGraphQLClient("SearchClient", connection => new SearchClient(connection)).ConfigureHttpClient(
            (_, http) =>
            {
                http.BaseAddress ??= new Uri("http://upstream.test/graphql");
                configure?.Invoke(http);
            },
            http =>
            {
                if (api is not null)
                {
                    http.ConfigurePrimaryHttpMessageHandler(() => api);
                }
            });
        return services.BuildServiceProvider();
    }
}
