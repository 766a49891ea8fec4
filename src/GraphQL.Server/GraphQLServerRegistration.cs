using Diecast.GraphQL.Server.BananaCakePop;
using Diecast.GraphQL.Server.Http;
using Diecast.GraphQL.Server.Protection;
using Diecast.GraphQL.Server.Protection.RateLimiting;
using GraphQL.PersistedDocuments;
using GraphQL.Validation.Complexity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Diecast.GraphQL.Server;

/// <summary>The server's entry points, in the way graphql-dotnet/server offers <c>AddGraphQL(...)</c> and <c>UseGraphQL(...)</c>.</summary>
public static class GraphQLServerRegistration
{
    /// <summary>
    /// <typeparamref name="TSchema"/> served over HTTP with everything that keeps it safe: the GraphQL-over-HTTP
    /// transport, document limits and complexity, trusted documents, introspection access, rate limiting, the
    /// validated-document cache, HotChocolate's error types and Relay's node interface, the Banana Cake Pop IDE.
    /// Its options (<see cref="GraphQLLimits"/>, <see cref="GraphQLProtectionOptions"/>, <see cref="GraphQLHttpOptions"/>, <see cref="GraphQLUploadOptions"/>,
    /// and <see cref="RateLimitOptions"/> from the <c>RateLimit</c> subsection) are bound to <paramref name="section"/>,
    /// over the defaults <paramref name="configure"/> sets, and validated at start.
    /// </summary>
    public static IServiceCollection AddGraphQLServer<TSchema>(this IServiceCollection services, IConfiguration section, Action<GraphQLServerBuilder>? configure = null)
        where TSchema : class, ISchema
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddGraphQL(graphQL =>
        {
            graphQL
                .AddSchema<TSchema>()
                .AddSystemTextJson()
                .AddGraphTypes(typeof(GraphQLServerRegistration).Assembly)
                .AddErrorInfoProvider<GraphQLErrorInfoProvider>()
                .AddValidationRules()
                .AddExecutionSteps()
                .Services.Configure<ComplexityOptions>((complexity, sp) =>
                {
                    var limits = sp.GetRequiredService<IOptions<GraphQLLimits>>().Value;
                    complexity.MaxDepth = limits.MaxDepth;
                    complexity.MaxComplexity = limits.MaxComplexity;
                    complexity.ValidateComplexityDelegate = sp.GetRequiredService<GraphQLRateLimiter>().CheckAsync;
                });
            // Defaults first, so that the section binds over them.
            configure?.Invoke(new GraphQLServerBuilder(services, graphQL));
        });

        services.AddOptions<GraphQLLimits>().Bind(section).Validate(limits => limits.AllPositive(), "GraphQL limits must be positive.").ValidateOnStart();
        services.AddOptions<GraphQLProtectionOptions>().Bind(section);
        services.AddOptions<GraphQLHttpOptions>().Bind(section);
        services.AddOptions<GraphQLUploadOptions>().Bind(section).Validate(uploads => uploads.AllPositive(), "GraphQL upload limits must be positive.").ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(section.GetSection("RateLimit")).Validate(rateLimit => rateLimit.AllPositive(), "GraphQL rate limits must be positive.")
            .Validate(rateLimit => rateLimit.ForwardedClientSecretIsLongEnough(), $"GraphQL__RateLimit__ForwardedClientSecret must be at least {RateLimitOptions.MinForwardedClientSecretLength} characters.")
            .ValidateOnStart();

        // The authorization validation rule evaluates ASP.NET Core policies; the application adds its own.
        services.AddAuthorization();
        services.AddDocumentValidator();
        services.TryAddSingleton<IPrivilegedCallers, NoPrivilegedCallers>();
        services.AddSingleton<TrustedDocumentStore>();
        services.AddSingleton<IPersistedDocumentLoader>(sp => sp.GetRequiredService<TrustedDocumentStore>());
        services.AddSingleton<GraphQLRateLimiter>();
        services.AddSingleton<GraphQLHttpRequestReader>();
        services.AddSingleton<MultipartRequestReader>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<BananaCakePopIde>();
        return services;
    }

    /// <summary>GraphQL over HTTP at <paramref name="path"/>, with the Banana Cake Pop IDE for browsers.</summary>
    public static IEndpointRouteBuilder MapGraphQLServer(this IEndpointRouteBuilder endpoints, string path = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Read at start, so a broken trusted documents file stops the start rather than the first request.
        endpoints.ServiceProvider.GetRequiredService<TrustedDocumentStore>();
        endpoints.MapMethods(path, [HttpMethods.Get, HttpMethods.Post], context =>
            BananaCakePopIde.IsBrowserNavigation(context.Request)
                ? context.RequestServices.GetRequiredService<BananaCakePopIde>().Index(context.Request).ExecuteAsync(context)
                : context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context));
        endpoints.MapGet(path + "/bcp-config.json", (BananaCakePopIde ide) => ide.Config());
        endpoints.MapGet(path + "/{**asset}", (string asset, BananaCakePopIde ide) => ide.Asset(asset));
        return endpoints;
    }
}
