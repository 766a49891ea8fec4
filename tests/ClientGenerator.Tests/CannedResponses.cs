using System.Net;
using System.Text.Json;
using Diecast.ClientGenerator.Tests.Fixtures;
using Diecast.GraphQL.Client;

namespace Diecast.ClientGenerator.Tests;

/// <summary>The compiled fixture client over a <see cref="StandInApi"/> that answers every request with one canned GraphQL response.</summary>
internal static class CannedResponses
{
    /// <summary>The client, and the request bodies it sent.</summary>
    public static (IFixtureClient Client, List<JsonElement> Requests) Client(string response, GraphQLDocumentMode mode = GraphQLDocumentMode.Text, HttpStatusCode status = HttpStatusCode.OK)
    {
        var api = StandInApi.Answering(response, status);
        var http = new HttpClient(api) { BaseAddress = new Uri("http://fixture.test/graphql") };
        return (new FixtureClient(new GraphQLHttpConnection(http, mode)), api.Requests);
    }
}
