using Microsoft.Extensions.DependencyInjection;

namespace Diecast.GraphQL.Client.Tests;

/// <summary>What a generated <c>Add{ClientName}()</c> registers, and what its builder configures.</summary>
public sealed class GraphQLClientBuilderTests
{
    [Fact]
    public void The_client_is_transient_over_a_named_HttpClient_bounded_to_16_MB_responses()
    {
        var services = new ServiceCollection();
        var builder = services.AddGraphQLClient("SearchClient", connection => new SearchClient(connection));
        using var provider = services.BuildServiceProvider();

        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("SearchClient");

        Assert.Equal(("SearchClient", "SearchClient"), (builder.ClientName, builder.HttpClientBuilder.Name));
        Assert.Equal(16 * 1024 * 1024, http.MaxResponseContentBufferSize);
        Assert.NotSame(provider.GetRequiredService<SearchClient>(), provider.GetRequiredService<SearchClient>());
    }

    [Fact]
    public async Task ConfigureHttpClient_sets_the_endpoint_and_the_handler_pipeline()
    {
        var api = StandInApi.Answering("""{"data":{"__typename":"Query","search":[]}}""");
        var services = new ServiceCollection();
        services.AddGraphQLClient("SearchClient", connection => new SearchClient(connection))
            .ConfigureHttpClient(http => http.BaseAddress = new Uri("http://api.example:5080/graphql"))
            .ConfigureHttpClient((_, _) => { }, http => http.ConfigurePrimaryHttpMessageHandler(() => api));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<SearchClient>().ExecuteAsync();

        Assert.True(result.IsSuccessResult());
        Assert.Equal([new Uri("http://api.example:5080/graphql")], api.Addresses);
    }

    [Fact]
    public async Task UseDocumentIds_sends_the_document_id_instead_of_the_text_for_that_client_only()
    {
        var api = StandInApi.Answering("""{"data":{"__typename":"Query","search":[]}}""");
        var services = new ServiceCollection();
        services.AddGraphQLClient("SearchClient", connection => new SearchClient(connection))
            .ConfigureHttpClient((_, http) => http.BaseAddress = new Uri("http://api.test/graphql"), http => http.ConfigurePrimaryHttpMessageHandler(() => api))
            .UseDocumentIds();
        services.AddGraphQLClient("OtherClient", connection => new OtherClient(connection))
            .ConfigureHttpClient((_, http) => http.BaseAddress = new Uri("http://api.test/graphql"), http => http.ConfigurePrimaryHttpMessageHandler(() => api));
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<SearchClient>().ExecuteAsync();
        await provider.GetRequiredService<OtherClient>().Search.ExecuteAsync();

        Assert.Equal(["Search " + TrustedDocumentsFile.IdOf(SearchOperation.Document), "Search"], api.Operations);
    }

    /// <summary>A second client type, whose options are its own.</summary>
    private sealed class OtherClient(IGraphQLConnection connection)
    {
        public SearchClient Search { get; } = new(connection);
    }
}
