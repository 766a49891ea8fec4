namespace Diecast.Api.GraphQL.Http;

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

    /// <summary>Whether errors show exception messages and stack traces: on in Development only.</summary>
    public bool ExposeExceptionDetails { get; set; }
}
