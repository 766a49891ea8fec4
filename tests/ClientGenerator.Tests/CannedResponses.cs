using System.Net;
using System.Text;
using System.Text.Json;
using Diecast.ClientGenerator.Tests.Fixtures;
using Diecast.GraphQL.Client;

namespace Diecast.ClientGenerator.Tests;

/// <summary>The compiled fixture client over a stand-in server that answers every request with one canned response.</summary>
internal static class CannedResponses
{
    /// <summary>The client, and the request bodies it sent.</summary>
    public static (IFixtureClient Client, List<JsonElement> Requests) Client(string response, GraphQLDocumentMode mode = GraphQLDocumentMode.Text, HttpStatusCode status = HttpStatusCode.OK)
    {
        var requests = new List<JsonElement>();
        var handler = new CannedResponseHandler(response, status, requests);
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://fixture.test/graphql") };
        return (new FixtureClient(new GraphQLHttpConnection(http, mode)), requests);
    }

    private sealed class CannedResponseHandler(string response, HttpStatusCode status, List<JsonElement> requests) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            requests.Add(body.RootElement.Clone());
            return new HttpResponseMessage(status)
            {
                Content = new StringContent(response, Encoding.UTF8, GraphQLHttpConnection.GraphQLResponseMediaType),
            };
        }
    }
}
