using GraphQL.PersistedDocuments;

namespace Diecast.GraphQL.Server.Protection;

/// <summary>
/// GraphQL.NET's persisted document handler (a <c>documentId</c> becomes the trusted document's text), with
/// HotChocolate's codes on its errors. Runs inside <see cref="ValidatedDocumentCache"/>, so a cached id skips it, and
/// inside <see cref="TrustedDocumentPolicy"/>, which decides who may send text.
/// </summary>
public sealed class TrustedDocumentHandler() : PersistedDocumentHandler(new PersistedDocumentOptions { AllowOnlyPersistedDocuments = false })
{
    /// <summary>HotChocolate's code for an unknown persisted operation.</summary>
    public const string NotFoundCode = "HC0020";

    public const string InvalidIdCode = "DOCUMENT_ID_INVALID";

    public override float SortOrder => GraphQLPipeline.TrustedDocumentHandler;

    protected override ExecutionResult CreateExecutionResult(ExecutionError error) => new(error switch
    {
        DocumentNotFoundError => new ExecutionError("The documentId is not a trusted document on this server; send one of the ids in its trusted documents file.") { Code = NotFoundCode },
        DocumentIdInvalidError => new ExecutionError("The documentId is malformed; send 'sha256:' followed by the 64 lowercase hex digits of the document's SHA-256 hash.") { Code = InvalidIdCode },
        _ => error,
    });
}
