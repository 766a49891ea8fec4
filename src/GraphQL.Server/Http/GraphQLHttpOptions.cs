using Diecast.GraphQL.Server.Protection;

namespace Diecast.GraphQL.Server.Http;

/// <summary>The "GraphQL" configuration section: limits that protect the public endpoint.</summary>
public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest accepted request body, and largest GET query string, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Deepest accepted selection nesting.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>Largest accepted complexity, as GraphQL.NET's analyzer scores a document.</summary>
    public int MaxComplexity { get; set; } = 25_000;

    /// <summary>Most operations and fragments in one document.</summary>
    public int MaxDefinitions { get; set; } = 64;

    /// <summary>Most field selections in one operation or fragment, counting a fragment's fields at every spread.</summary>
    public int MaxFields { get; set; } = 1_000;

    /// <summary>
    /// Most fields that may share one response name (alias or field name) in a selection set, counting those that
    /// fragments add: GraphQL.NET's field-merging rule compares such fields pairwise.
    /// </summary>
    public int MaxFieldsPerResponseName { get; set; } = 16;

    /// <summary>Most directives written in one document.</summary>
    public int MaxDirectives { get; set; } = 64;

    /// <summary>Most input values (scalars, list items, object fields) in a document's arguments and its variables together.</summary>
    public int MaxInputValues { get; set; } = 1_000;

    /// <summary>Whether callers who are not admins may introspect the schema; admins always may.</summary>
    public bool AnonymousIntrospection { get; set; }

    /// <summary>
    /// Whether callers who are not admins may run only the trusted documents (by <c>documentId</c>, or by sending the
    /// exact text of one); admins may always send any document.
    /// </summary>
    public bool TrustedDocumentsOnly { get; set; }

    /// <summary>The trusted documents file (JSON map of document id to document), relative to the content root.</summary>
    public string TrustedDocumentsPath { get; set; } = "trusted-documents.json";

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Whether errors show exception messages and stack traces: on in Development only.</summary>
    public bool ExposeExceptionDetails { get; set; }
}
