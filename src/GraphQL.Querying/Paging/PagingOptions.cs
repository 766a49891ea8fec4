namespace Diecast.GraphQL.Querying.Paging;

/// <summary>HotChocolate's paging defaults: 10 items a page unless asked, at most 50.</summary>
public sealed record PagingOptions
{
    public int DefaultPageSize { get; init; } = 10;

    public int MaxPageSize { get; init; } = 50;
}
