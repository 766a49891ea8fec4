using System.Reflection;
using Diecast.GraphQL.Server.Http;
using Diecast.GraphQL.Server.Protection;
using Diecast.GraphQL.Server.Protection.RateLimiting;
using GraphQL.DI;

namespace Diecast.GraphQL.Server;

/// <summary>What an application adds to the server in <see cref="GraphQLServerRegistration.AddGraphQLServer{TSchema}"/>: its types, hooks and defaults.</summary>
public sealed class GraphQLServerBuilder(IServiceCollection services, IGraphQLBuilder graphQL)
{
    public IServiceCollection Services { get; } = services;

    /// <summary>GraphQL.NET's builder, for what the server does not wrap (an unhandled exception handler, more rules).</summary>
    public IGraphQLBuilder GraphQL { get; } = graphQL;

    /// <summary>
    /// Sets defaults on one of the server's options (<see cref="GraphQLLimits"/>, <see cref="GraphQLProtectionOptions"/>,
    /// <see cref="RateLimitOptions"/>, <see cref="GraphQLHttpOptions"/>, <see cref="GraphQLUploadOptions"/>); the configuration section overrides them.
    /// </summary>
    public GraphQLServerBuilder Defaults<TOptions>(Action<TOptions> configure)
        where TOptions : class
    {
        Services.AddOptions<TOptions>().Configure(configure);
        return this;
    }

    /// <summary>Registers the graph types <paramref name="assembly"/> defines.</summary>
    public GraphQLServerBuilder AddGraphTypes(Assembly assembly)
    {
        GraphQL.AddGraphTypes(assembly);
        return this;
    }

    /// <summary>Tells resolvers' expected failures (an outage) from bugs; without one, every failure is a bug.</summary>
    public GraphQLServerBuilder AddResolverFailureClassifier<TClassifier>()
        where TClassifier : class, IResolverFailureClassifier
    {
        Services.AddSingleton<IResolverFailureClassifier, TClassifier>();
        return this;
    }

    /// <summary>Who the protection rules let through; without it, nobody.</summary>
    public GraphQLServerBuilder AddPrivilegedCallers<TCallers>()
        where TCallers : class, IPrivilegedCallers
    {
        Services.AddSingleton<IPrivilegedCallers, TCallers>();
        return this;
    }

    /// <summary>The shared rate limit counters <see cref="RateLimitStore.PostgreSql"/> selects.</summary>
    public GraphQLServerBuilder AddRateLimitStore<TStore>()
        where TStore : class, IRateLimitStore
    {
        Services.AddSingleton<IRateLimitStore, TStore>();
        return this;
    }

    /// <summary>
    /// Accepts GraphQL multipart requests (file uploads into <c>Upload</c> variables) from callers who satisfy the ASP.NET
    /// Core authorization policy <paramref name="policy"/> (null: every caller), checked before the body is read; without
    /// this call a multipart request gets 415, as any content type but JSON. Limits: <see cref="GraphQLUploadOptions"/>.
    /// </summary>
    public GraphQLServerBuilder AcceptUploads(string? policy)
    {
        Services.AddSingleton(new UploadAccess(policy));
        return this;
    }

    public GraphQLServerBuilder AddUserContextBuilder<TBuilder>()
        where TBuilder : class, IGraphQLUserContextBuilder
    {
        Services.AddSingleton<IGraphQLUserContextBuilder, TBuilder>();
        return this;
    }
}
