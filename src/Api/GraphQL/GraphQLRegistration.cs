using Diecast.Api.Catalog;
using Diecast.Api.Data;
using Diecast.Api.GraphQL.BananaCakePop;
using Diecast.Api.GraphQL.Http;
using Diecast.Api.Journal;
using Diecast.Api.Orders;
using Diecast.Api.Security;
using Diecast.GraphQL.Querying;
using Diecast.GraphQL.Querying.Filtering;
using Diecast.GraphQL.Querying.Paging;
using Diecast.GraphQL.Querying.Sorting;
using GraphQL;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.Options;

namespace Diecast.Api.GraphQL;

public static class GraphQLRegistration
{
    /// <summary>The one place the schema and its execution are configured; Program, commands and tests all call it.</summary>
    public static IServiceCollection AddDiecastGraphQL(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<GraphQLHttpOptions>()
            .Configure(o => o.ExposeExceptionDetails = environment.IsDevelopment())
            .Bind(configuration.GetSection(GraphQLHttpOptions.Section))
            .Validate(o => o.MaxRequestBytes > 0 && o.MaxDepth > 0 && o.MaxComplexity > 0, "GraphQL limits must be positive.")
            .ValidateOnStart();

        // Text filters run as ILIKE, served by trigram indexes.
        services.AddSingleton<ITextFilter, PostgresTextFilter>();
        // Cursors over enum keys compare in PostgreSQL's enum order.
        services.AddSingleton<IEnumSortOrder, PostgresEnumSortOrder>();
        services.AddSingleton<IRowValueComparison, PostgresRowValueComparison>();
        services.AddGraphQLQuerying();
        services.AddGraphQL(graphQL => graphQL
            .AddSchema<DiecastSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(DiecastSchema).Assembly)
            .AddGraphTypes(typeof(QueryingRegistration).Assembly)
            .AddErrorInfoProvider<DiecastErrorInfoProvider>()
            // The complexity analyzer reads variables (first: $n), so it runs for cached documents too.
            .AddValidationRule<ComplexityValidationRule>(useForCachedDocuments: true)
            // Who may see what depends on the caller, so it is checked for cached documents too.
            .AddValidationRule<AuthorizationValidationRule>(useForCachedDocuments: true)
            .ConfigureExecution<ValidatedDocumentCache>()
            .AddUnhandledExceptionHandler(context =>
            {
                var logger = context.Context?.RequestServices?.GetService<ILogger<DiecastSchema>>();
                logger?.LogError(context.OriginalException, "GraphQL resolver failed");
            })
            .Services.Configure<ComplexityOptions>((complexity, sp) =>
            {
                var limits = sp.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value;
                complexity.MaxDepth = limits.MaxDepth;
                complexity.MaxComplexity = limits.MaxComplexity;
            }));

        services.AddScoped<ProductsByIdDataLoader>();
        services.AddScoped<OrderItemsByOrderIdDataLoader>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<GraphQLHttpRequestReader>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<BananaCakePopIde>();
        return services;
    }

    /// <summary>GraphQL over HTTP at <c>/graphql</c>, with the Banana Cake Pop IDE for browsers.</summary>
    public static IEndpointRouteBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string path = "/graphql")
    {
        endpoints.MapMethods(path, [HttpMethods.Get, HttpMethods.Post], context =>
            BananaCakePopIde.IsBrowserNavigation(context.Request)
                ? context.RequestServices.GetRequiredService<BananaCakePopIde>().Index(context.Request).ExecuteAsync(context)
                : context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context));
        endpoints.MapGet(path + "/bcp-config.json", BananaCakePopIde.Config);
        endpoints.MapGet(path + "/{**asset}", (string asset, BananaCakePopIde ide) => ide.Asset(asset));
        return endpoints;
    }
}
