namespace Diecast.GraphQL.Querying.Paging;

/// <summary>A page of a connection, as the connection graph types resolve it.</summary>
public sealed record Connection<TNode>(IReadOnlyList<Edge<TNode>> Edges, PageInfo PageInfo, int? TotalCount);

/// <summary>An edge: its node and a cursor made only when a client asks for it.</summary>
public sealed class Edge<TNode>(TNode node, Func<string> cursor)
{
    private string? _cursor;

    public TNode Node { get; } = node;

    public string Cursor => _cursor ??= cursor();
}

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, Func<string?> StartCursor, Func<string?> EndCursor);
