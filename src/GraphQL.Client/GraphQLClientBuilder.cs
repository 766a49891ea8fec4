using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Diecast.GraphQL.Client;

/// <summary>Returned by a generated <c>Add{ClientName}()</c>: configures the client's named HttpClient and its options.</summary>
public sealed class GraphQLClientBuilder
{
    internal GraphQLClientBuilder(IServiceCollection services, string clientName, IHttpClientBuilder httpClientBuilder)
    {
        Services = services;
        ClientName = clientName;
        HttpClientBuilder = httpClientBuilder;
    }

    public IServiceCollection Services { get; }

    /// <summary>The client's name, which is also the name of its HttpClient and of its options.</summary>
    public string ClientName { get; }

    public IHttpClientBuilder HttpClientBuilder { get; }

    /// <summary>Configures the HttpClient; its BaseAddress must be the GraphQL endpoint (e.g. http://host/graphql).</summary>
    public GraphQLClientBuilder ConfigureHttpClient(Action<HttpClient> configureClient)
    {
        ArgumentNullException.ThrowIfNull(configureClient);
        HttpClientBuilder.ConfigureHttpClient(configureClient);
        return this;
    }

    /// <summary>Configures the HttpClient from services, and optionally its handler pipeline (handlers, primary handler).</summary>
    public GraphQLClientBuilder ConfigureHttpClient(Action<IServiceProvider, HttpClient> configureClient, Action<IHttpClientBuilder>? configureClientBuilder = null)
    {
        ArgumentNullException.ThrowIfNull(configureClient);
        HttpClientBuilder.ConfigureHttpClient(configureClient);
        configureClientBuilder?.Invoke(HttpClientBuilder);
        return this;
    }

    /// <summary>Sends <c>documentId</c> instead of the document's text: for servers that hold this client's trusted documents.</summary>
    public GraphQLClientBuilder UseDocumentIds()
    {
        Services.Configure<GraphQLClientOptions>(ClientName, o => o.DocumentMode = GraphQLDocumentMode.DocumentId);
        return this;
    }
}

/// <summary>What a generated <c>Add{ClientName}()</c> calls.</summary>
public static class GraphQLClientRegistration
{
    /// <summary>
    /// The largest response body read, 16 MB: far above any page the API serves, and a bound on what a faulty or
    /// hostile server can make the client buffer. ConfigureHttpClient may change it (MaxResponseContentBufferSize).
    /// </summary>
    public const int DefaultMaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Registers <typeparamref name="TClient"/> as transient, made by <paramref name="createClient"/> over a
    /// <see cref="GraphQLHttpConnection"/>; <paramref name="clientName"/> names both its HttpClient and its
    /// <see cref="GraphQLClientOptions"/>. The HttpClient has no base address until the returned builder gives it one.
    /// </summary>
    public static GraphQLClientBuilder AddGraphQLClient<TClient>(this IServiceCollection services, string clientName, Func<IGraphQLConnection, TClient> createClient)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(createClient);
        var httpClientBuilder = services.AddHttpClient(clientName, client => client.MaxResponseContentBufferSize = DefaultMaxResponseBytes);
        services.AddOptions<GraphQLClientOptions>(clientName);
        // Transient, like a typed HttpClient: the factory hands out cheap HttpClients over pooled handlers.
        services.AddTransient(serviceProvider => createClient(new GraphQLHttpConnection(
            serviceProvider.GetRequiredService<IHttpClientFactory>().CreateClient(clientName),
            serviceProvider.GetRequiredService<IOptionsMonitor<GraphQLClientOptions>>().Get(clientName).DocumentMode)));
        return new GraphQLClientBuilder(services, clientName, httpClientBuilder);
    }
}
