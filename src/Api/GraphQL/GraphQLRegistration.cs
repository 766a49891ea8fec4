using Diecast.Api.Data;
using Diecast.Api.Data.RateLimiting;
using Diecast.Api.Security;
using Diecast.GraphQL.Querying;
using Diecast.GraphQL.Querying.Filtering;
using Diecast.GraphQL.Querying.Paging;
using Diecast.GraphQL.Querying.Sorting;
using Diecast.GraphQL.Server;
using Diecast.GraphQL.Server.Authorization;
using Diecast.GraphQL.Server.BananaCakePop;
using Diecast.GraphQL.Server.Http;
using Diecast.GraphQL.Server.Protection;
using GraphQL;
using GraphQL.PersistedDocuments;
using GraphQL.Validation;
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
            .Configure(o =>
            {
                o.ExposeExceptionDetails = environment.IsDevelopment();
                // As HotChocolate: introspection for everyone in development (and tests), for admins only elsewhere.
                o.AnonymousIntrospection = environment.IsDevelopment() || environment.IsEnvironment("Testing");
            })
            .Bind(configuration.GetSection(GraphQLHttpOptions.Section))
            .Validate(
                o => new[] { o.MaxRequestBytes, o.MaxDepth, o.MaxComplexity, o.MaxDefinitions, o.MaxFields, o.MaxFieldsPerResponseName, o.MaxDirectives, o.MaxInputValues }.All(limit => limit > 0),
                "GraphQL limits must be positive.")
            .Validate(
                o => o.RateLimit.Window > TimeSpan.Zero && o.RateLimit.MutationsPerWindow > 0 && o.RateLimit.ExpensiveQueriesPerWindow > 0 && o.RateLimit.ExpensiveQueryComplexity > 0,
                "GraphQL rate limits must be positive.")
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
            .AddGraphTypes(typeof(GraphQLErrorInfoProvider).Assembly)
            .AddErrorInfoProvider<GraphQLErrorInfoProvider>()
            // The complexity analyzer reads variables (first: $n), so it runs for cached documents too.
            .AddValidationRule<ComplexityValidationRule>(useForCachedDocuments: true)
            // Who may see what depends on the caller, so it is checked for cached documents too.
            .AddValidationRule<AuthorizationValidationRule>(useForCachedDocuments: true)
            // Who may introspect depends on the caller, not the document.
            .AddValidationRule<IntrospectionAccessRule>(useForCachedDocuments: true)
            // The same document may come by POST or by GET, and only a POST may change anything.
            .AddValidationRule<GetRunsQueriesOnlyRule>(useForCachedDocuments: true)
            .ConfigureExecution<TrustedDocumentPolicy>()
            .ConfigureExecution<ValidatedDocumentCache>()
            // GraphQL.NET's persisted document handler with HotChocolate's codes; its loader is the TrustedDocumentStore below.
            .ConfigureExecution<TrustedDocumentHandler>()
            // The one log entry per failed resolver (EF Core's own error events are debug-level, see DataRegistration);
            // database outages go to the summarising log, without stack traces.
            .AddUnhandledExceptionHandler(context =>
            {
                var services = context.Context?.RequestServices;
                if (DatabaseFailure.Of(context.OriginalException) is { } failure)
                {
                    services?.GetService<DatabaseFailureLog>()?.Report(failure, context.OriginalException, "GraphQL resolver");
                    return;
                }

                services?.GetService<ILogger<DiecastSchema>>()?.LogError(context.OriginalException, "GraphQL resolver failed");
            })
            .Services.Configure<ComplexityOptions>((complexity, sp) =>
            {
                var limits = sp.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value;
                complexity.MaxDepth = limits.MaxDepth;
                complexity.MaxComplexity = limits.MaxComplexity;
                var rateLimiter = sp.GetRequiredService<GraphQLRateLimiter>();
                complexity.ValidateComplexityDelegate = rateLimiter.CheckAsync;
            }));

        // Document limits run before GraphQL.NET's own validation rules, some of which hostile documents make slow;
        // the messages of what fails are then told without schema names to callers who may not introspect.
        services.AddSingleton<DocumentLimitsValidator>();
        services.AddSingleton<IDocumentValidator>(sp => ActivatorUtilities.CreateInstance<SchemaHidingValidator>(sp, sp.GetRequiredService<DocumentLimitsValidator>()));
        services.AddSingleton<TrustedDocumentStore>();
        services.AddSingleton<IPersistedDocumentLoader>(sp => sp.GetRequiredService<TrustedDocumentStore>());
        services.AddSingleton<GraphQLRateLimiter>();
        services.AddSingleton<IRateLimitStore, PostgresRateLimitStore>();
        services.AddHostedService<RateLimitWindowSweeper>();
        services.AddSingleton<IResolverFailureClassifier, DatabaseFailureClassifier>();
        services.AddSingleton<IPrivilegedCallers, AdminCallers>();
        services.AddSingleton<IGraphQLUserContextBuilder, RawVariablesForWrittenOrder>();

        services.AddSingleton<GraphQLHttpRequestReader>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<BananaCakePopIde>();
        return services;
    }

    /// <summary>GraphQL over HTTP at <c>/graphql</c>, with the Banana Cake Pop IDE for browsers.</summary>
    public static IEndpointRouteBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string path = "/graphql")
    {
        // Read at start, so a broken trusted documents file stops the start rather than the first request.
        endpoints.ServiceProvider.GetRequiredService<TrustedDocumentStore>();
        endpoints.MapMethods(path, [HttpMethods.Get, HttpMethods.Post], context =>
            BananaCakePopIde.IsBrowserNavigation(context.Request)
                ? context.RequestServices.GetRequiredService<BananaCakePopIde>().Index(context.Request).ExecuteAsync(context)
                : context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context));
        endpoints.MapGet(path + "/bcp-config.json", BananaCakePopIde.Config);
        endpoints.MapGet(path + "/{**asset}", (string asset, BananaCakePopIde ide) => ide.Asset(asset));
        return endpoints;
    }

    /// <summary>Sort objects apply their fields in the order written, which only the raw JSON still has.</summary>
    private sealed class RawVariablesForWrittenOrder : IGraphQLUserContextBuilder
    {
        public void Build(IDictionary<string, object?> userContext, HttpContext http, GraphQLHttpRequest request) =>
            userContext[WrittenOrder.RawVariablesKey] = request.Variables;
    }
}
