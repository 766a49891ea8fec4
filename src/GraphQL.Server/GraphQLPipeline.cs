using Diecast.GraphQL.Server.Authorization;
using Diecast.GraphQL.Server.Http;
using Diecast.GraphQL.Server.Protection;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Diecast.GraphQL.Server;

/// <summary>
/// The order in which the server's steps run around GraphQL.NET's execution, declared here and nowhere else. A request
/// passes, outermost first: <see cref="TrustedDocumentPolicy"/>, <see cref="ValidatedDocumentCache"/>,
/// <see cref="TrustedDocumentHandler"/> (execution steps, lowest <see cref="IConfigureExecution.SortOrder"/> first, all
/// after GraphQL.NET has applied its configured options); then validation: <see cref="DocumentLimitsValidator"/>, GraphQL.NET's
/// own rules, and the <see cref="AddValidationRules">rules that depend on the request</see>, whose errors
/// <see cref="SchemaHidingValidator"/> rewrites for callers who may not introspect.
/// </summary>
public static class GraphQLPipeline
{
    /// <summary>
    /// Decides whether the caller may send this document at all; first, so that a document a privileged caller got
    /// into the cache is not thereby open to everyone.
    /// </summary>
    public const float TrustedDocumentPolicy = 150;

    /// <summary>
    /// Skips parsing and the static rules for a document seen before; after the options are configured (complexity,
    /// authorization), and before the trusted document handler, so that a cached id skips loading its document.
    /// </summary>
    public const float ValidatedDocumentCache = 200;

    /// <summary>Turns a <c>documentId</c> into the trusted document's text, when the cache did not have it.</summary>
    public const float TrustedDocumentHandler = 250;

    internal static IGraphQLBuilder AddExecutionSteps(this IGraphQLBuilder graphQL) => graphQL
        .ConfigureExecution<TrustedDocumentPolicy>()
        .ConfigureExecution<ValidatedDocumentCache>()
        // GraphQL.NET's persisted document handler with HotChocolate's codes; its loader is the TrustedDocumentStore.
        .ConfigureExecution<TrustedDocumentHandler>();

    /// <summary>
    /// The rules that read the request (variables, the caller, the method), so they run for cached documents too, in
    /// this order after GraphQL.NET's own rules.
    /// </summary>
    internal static IGraphQLBuilder AddValidationRules(this IGraphQLBuilder graphQL) => graphQL
        // The complexity analyzer reads variables (first: $n); the rate limiter runs inside it.
        .AddValidationRule<ComplexityValidationRule>(useForCachedDocuments: true)
        // Who may see what depends on the caller.
        .AddValidationRule<AuthorizationValidationRule>(useForCachedDocuments: true)
        // Who may introspect depends on the caller, not the document.
        .AddValidationRule<IntrospectionAccessRule>(useForCachedDocuments: true)
        // The same document may come by POST or by GET, and only a POST may change anything.
        .AddValidationRule<GetRunsQueriesOnlyRule>(useForCachedDocuments: true)
        // The same document may come with or without files.
        .AddValidationRule<UploadVariablesRule>(useForCachedDocuments: true);

    /// <summary>
    /// Document limits run before GraphQL.NET's own validation rules, some of which hostile documents make slow; the
    /// messages of what fails are then told without schema names to callers who may not introspect.
    /// </summary>
    internal static IServiceCollection AddDocumentValidator(this IServiceCollection services)
    {
        services.TryAddSingleton<DocumentLimitsValidator>();
        services.AddSingleton<IDocumentValidator>(sp => ActivatorUtilities.CreateInstance<SchemaHidingValidator>(sp, sp.GetRequiredService<DocumentLimitsValidator>()));
        return services;
    }
}
