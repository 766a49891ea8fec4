using Diecast.GraphQL.Server.Protection.RateLimiting;

namespace Diecast.GraphQL.Server.Protection;

/// <summary>Who may introspect and which documents may run; the limits are <see cref="GraphQLLimits"/>, the rate limits <see cref="RateLimitOptions"/>.</summary>
public sealed class GraphQLProtectionOptions
{
    /// <summary>Whether callers who are not privileged (<see cref="IPrivilegedCallers"/>) may introspect the schema; privileged callers always may.</summary>
    public bool AnonymousIntrospection { get; set; }

    /// <summary>
    /// Whether callers who are not privileged may run only the trusted documents (by <c>documentId</c>, or by sending
    /// the exact text of one); privileged callers may always send any document.
    /// </summary>
    public bool TrustedDocumentsOnly { get; set; }

    /// <summary>The trusted documents file (JSON map of document id to document), relative to the content root.</summary>
    public string TrustedDocumentsPath { get; set; } = "trusted-documents.json";
}
