using System.Text.Json;

namespace Diecast.GraphQL.Client;

/// <summary>One execution of a generated operation: its name, its exported text and id, and how to write its variables.</summary>
public sealed record GraphQLOperationRequest(string OperationName, string Document, string DocumentId, Action<Utf8JsonWriter>? WriteVariables);

/// <summary>How a client names the document it runs.</summary>
public enum GraphQLDocumentMode
{
    /// <summary>Send the document's full text (<c>query</c>): works with any server.</summary>
    Text,

    /// <summary>Send only <c>documentId</c> (<c>sha256:&lt;hex&gt;</c>): the server must know the document (trusted documents).</summary>
    DocumentId,
}

/// <summary>Per-client options, named after the client.</summary>
public sealed class GraphQLClientOptions
{
    public GraphQLDocumentMode DocumentMode { get; set; } = GraphQLDocumentMode.Text;
}

/// <summary>Sends operations and reads their responses; the generated client depends only on this.</summary>
public interface IGraphQLConnection
{
    /// <summary>
    /// Sends the operation and reads its response's data with <paramref name="readData"/>, which throws
    /// <see cref="InvalidResponseDataException"/> for data that does not match the operation. Every failure, from the
    /// network to such data, comes back in <see cref="IOperationResult{TData}.Errors"/>; only the caller's cancellation throws.
    /// </summary>
    Task<IOperationResult<TData>> ExecuteAsync<TData>(GraphQLOperationRequest request, Func<JsonElement, TData> readData, CancellationToken cancellationToken)
        where TData : class;
}
