namespace Diecast.GraphQL.Server.Http;

/// <summary>
/// Adds the application's entries to a request's <c>ExecutionOptions.UserContext</c>, as graphql-dotnet/server's
/// user context builder does; every registered builder runs for every request, after the server's own entries.
/// </summary>
public interface IGraphQLUserContextBuilder
{
    void Build(IDictionary<string, object?> userContext, HttpContext http, GraphQLHttpRequest request);
}
