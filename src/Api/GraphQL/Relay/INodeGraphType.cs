using GraphQL;

namespace Diecast.Api.GraphQL.Relay;

/// <summary>An object type that implements Node and can fetch one of its objects by the key inside a global ID.</summary>
public interface INodeGraphType
{
    /// <summary>The object with this key, or null when there is none (or the caller may not see it).</summary>
    Task<object?> ResolveNodeAsync(IResolveFieldContext context, string key);
}
