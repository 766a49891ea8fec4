using System.Text.Json;

namespace Diecast.GraphQL.Client.Tests;

/// <summary>
/// One operation written the way the generator writes it (a request, and a reader calling <see cref="ResponseReader"/>),
/// so that the runtime is tested without the generator: <c>search(term)</c> returns a list of objects, read as their typenames.
/// </summary>
internal static class SearchOperation
{
    public const string Document = "query Search($term: String!) { __typename search(term: $term) { __typename } }";

    public static GraphQLOperationRequest Request(string term = "dune") =>
        new("Search", Document, TrustedDocumentsFile.IdOf(Document), writer => writer.WriteString("term", term));

    public static IReadOnlyList<string> Read(JsonElement data) =>
        ResponseReader.ReadList(ResponseReader.Required(data, "search", "data"), "data.search",
            static (item, path) => ResponseReader.ReadTypename(ResponseReader.NonNullItem(item, path), path));

    /// <summary>Runs the operation over a connection of its own to <paramref name="api"/>.</summary>
    public static Task<IOperationResult<IReadOnlyList<string>>> ExecuteAsync(StandInApi api, GraphQLDocumentMode mode = GraphQLDocumentMode.Text, CancellationToken cancellationToken = default) =>
        new GraphQLHttpConnection(new HttpClient(api) { BaseAddress = new Uri("http://api.test/graphql") }, mode)
            .ExecuteAsync(Request(), Read, cancellationToken);
}

/// <summary>A client of the one operation, registered the way a generated <c>Add{ClientName}()</c> registers its client.</summary>
internal sealed class SearchClient(IGraphQLConnection connection)
{
    public Task<IOperationResult<IReadOnlyList<string>>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(SearchOperation.Request(), SearchOperation.Read, cancellationToken);
}
