using GraphQL;
using GraphQL.Types;

namespace Diecast.GraphQL.Querying.Paging;

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Information about pagination in a connection.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("Indicates whether more edges exist following the set defined by the clients arguments.").Resolve(c => c.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Description("Indicates whether more edges exist prior the set defined by the clients arguments.").Resolve(c => c.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor").Description("When paginating backwards, the cursor to continue.").Resolve(c => c.Source.StartCursor());
        Field<StringGraphType>("endCursor").Description("When paginating forwards, the cursor to continue.").Resolve(c => c.Source.EndCursor());
    }
}

/// <summary>HotChocolate's <c>{Field}Edge</c>.</summary>
public sealed class EdgeGraphType<TNodeGraphType, TNode> : ObjectGraphType<Edge<TNode>>
    where TNodeGraphType : IGraphType
{
    public EdgeGraphType(string name)
    {
        Name = name;
        Description = "An edge in a connection.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("A cursor for use in pagination.").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeGraphType>>("node").Description("The item at the end of the edge.").Resolve(c => c.Source.Node);
    }
}

/// <summary>HotChocolate's <c>{Field}Connection</c>, with <c>totalCount</c> (counted only when selected).</summary>
public sealed class ConnectionGraphType<TNodeGraphType, TNode> : ObjectGraphType<Connection<TNode>>
    where TNodeGraphType : IGraphType
{
    public ConnectionGraphType(string name, string edgeName)
    {
        Name = name;
        Description = "A connection to a list of items.";
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Description("Information to aid in pagination.").Resolve(c => c.Source.PageInfo);
        Field("edges", new ListGraphType(new NonNullGraphType(new EdgeGraphType<TNodeGraphType, TNode>(edgeName))))
            .Description("A list of edges.")
            .Resolve(c => c.Source.Edges);
        Field<ListGraphType<NonNullGraphType<TNodeGraphType>>>("nodes").Description("A flattened list of the nodes.").Resolve(c => c.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("Identifies the total count of items in the connection.")
            .WithComplexityImpact(ConnectionCost.TotalCountImpact)
            .Resolve(c => c.Source.TotalCount);
    }
}
