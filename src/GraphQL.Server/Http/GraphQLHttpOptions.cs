namespace Diecast.GraphQL.Server.Http;

/// <summary>What responses tell; the request size limit is <see cref="GraphQLLimits.MaxRequestBytes"/>.</summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>Whether unexpected errors show exception messages and stack traces: for development only.</summary>
    public bool ExposeExceptionDetails { get; set; }

    /// <summary>The Banana Cake Pop IDE's title (its <c>bcp-config.json</c>), shown in the browser's tab.</summary>
    public string IdeTitle { get; set; } = "GraphQL";
}
