namespace Diecast.GraphQL.Server;

/// <summary>
/// Every limit on what one request may ask, read by the transport (the body) and the protection rules (the document);
/// bound to the same configuration section as the server's other options (<c>GraphQL:MaxDepth</c> …).
/// </summary>
public sealed class GraphQLLimits
{
    /// <summary>Largest accepted request body, and largest GET query string, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Deepest accepted selection nesting (and input value nesting).</summary>
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

    internal bool AllPositive() =>
        new[] { MaxRequestBytes, MaxDepth, MaxComplexity, MaxDefinitions, MaxFields, MaxFieldsPerResponseName, MaxDirectives, MaxInputValues }.All(limit => limit > 0);
}
