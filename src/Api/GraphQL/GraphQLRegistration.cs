using Diecast.Api.Data.RateLimiting;
using Diecast.Api.Security;
using Diecast.GraphQL.Querying;
using Diecast.GraphQL.Querying.Filtering;
using Diecast.GraphQL.Querying.Paging;
using Diecast.GraphQL.Querying.Sorting;
using Diecast.GraphQL.Server;
using Diecast.GraphQL.Server.Http;
using Diecast.GraphQL.Server.Protection;

namespace Diecast.Api.GraphQL;

public static class GraphQLRegistration
{
    /// <summary>The configuration section of the GraphQL server's options (<c>GraphQL:MaxDepth</c>, <c>GraphQL:RateLimit:Store</c> …).</summary>
    public const string Section = "GraphQL";

    /// <summary>The one place the schema and its execution are configured; Program, commands and tests all call it.</summary>
    public static IServiceCollection AddDiecastGraphQL(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Text filters run as ILIKE, served by trigram indexes.
        services.AddSingleton<ITextFilter, PostgresTextFilter>();
        // Cursors over enum keys compare in PostgreSQL's enum order.
        services.AddSingleton<IEnumSortOrder, PostgresEnumSortOrder>();
        services.AddSingleton<IRowValueComparison, PostgresRowValueComparison>();
        services.AddGraphQLQuerying();
        services.AddGraphQLServer<DiecastSchema>(configuration.GetSection(Section), server =>
        {
            server
                .Defaults<GraphQLHttpOptions>(o =>
                {
                    o.ExposeExceptionDetails = environment.IsDevelopment();
                    o.IdeTitle = "Diecast";
                })
                // As HotChocolate: introspection for everyone in development (and tests), for admins only elsewhere.
                .Defaults<GraphQLProtectionOptions>(o => o.AnonymousIntrospection = environment.IsDevelopment() || environment.IsEnvironment("Testing"))
                .AddGraphTypes(typeof(DiecastSchema).Assembly)
                .AddGraphTypes(typeof(QueryingRegistration).Assembly)
                .AddResolverFailureClassifier<DatabaseFailureClassifier>()
                .AddPrivilegedCallers<AdminCallers>()
                // Multipart uploads (product media) are the admins': anyone else is refused before the body is read.
                .AcceptUploads(SecurityRegistration.AdminPolicy)
                .AddRateLimitStore<PostgresRateLimitStore>()
                .AddUserContextBuilder<RawVariablesForWrittenOrder>();
            // The one log entry per failed resolver (EF Core's own error events are debug-level, see DataRegistration);
            // database outages go to the summarising log, without stack traces.
            server.GraphQL.AddUnhandledExceptionHandler(context =>
            {
                var services = context.Context?.RequestServices;
                if (DatabaseFailure.Of(context.OriginalException) is { } failure)
                {
                    services?.GetService<DatabaseFailureLog>()?.Report(failure, context.OriginalException, "GraphQL resolver");
                    return;
                }

                services?.GetService<ILogger<DiecastSchema>>()?.LogError(context.OriginalException, "GraphQL resolver failed");
            });
        });
        services.AddHostedService<RateLimitWindowSweeper>();

        return services;
    }

    /// <summary>Sort objects apply their fields in the order written, which only the raw JSON still has.</summary>
    private sealed class RawVariablesForWrittenOrder : IGraphQLUserContextBuilder
    {
        public void Build(IDictionary<string, object?> userContext, HttpContext http, GraphQLHttpRequest request) =>
            userContext[WrittenOrder.RawVariablesKey] = request.Variables;
    }
}
