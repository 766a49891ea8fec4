using GraphQL.DI;

namespace Diecast.GraphQL.Server.Protection;

/// <summary>
/// With <see cref="GraphQLProtectionOptions.TrustedDocumentsOnly"/>, a caller who is not privileged (<see cref="IPrivilegedCallers"/>) may run only trusted
/// documents: by id, or by sending a trusted document's exact text. Runs before <see cref="ValidatedDocumentCache"/>,
/// so a document a privileged caller got cached is not thereby open to everyone.
/// </summary>
public sealed class TrustedDocumentPolicy(IOptions<GraphQLProtectionOptions> protection, TrustedDocumentStore store, IPrivilegedCallers privileged) : IConfigureExecution
{
    /// <summary>HotChocolate's code for a document that is not a persisted one when only those are allowed.</summary>
    public const string Code = "HC0067";

    public float SortOrder => GraphQLPipeline.TrustedDocumentPolicy;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var allowed = !protection.Value.TrustedDocumentsOnly
            || options.DocumentId is not null
            || privileged.Includes(options.User)
            || (options.Query is { } query && store.IsTrustedText(query));
        return allowed
            ? next(options)
            : Task.FromResult(new ExecutionResult(new ExecutionError("Only persisted operations are allowed: send the documentId of a trusted document.") { Code = Code }));
    }
}
