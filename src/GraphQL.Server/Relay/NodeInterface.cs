namespace Diecast.GraphQL.Server.Relay;

/// <summary>Relay's Node interface, named and described as HotChocolate does.</summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "The node interface is implemented by entities that have a global unique identifier.";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}
