namespace Diecast.GraphQL.Server.Mutations;

/// <summary>
/// An expected failure of a mutation, returned in its payload's <c>errors</c> (HotChocolate's mutation conventions)
/// rather than as a GraphQL error: the client asked for something the application cannot do, and may show why.
/// </summary>
public interface IUserError
{
    string Message { get; }
}

/// <summary>An input value that is not acceptable; <see cref="Path"/> leads to it from the field's arguments, e.g. ["input", "price"].</summary>
public sealed record ValidationError(string Message, IReadOnlyList<string> Path) : IUserError;

/// <summary>The object the input names does not exist (or is not visible to the caller).</summary>
public sealed record NotFoundError(string Message, string Id) : IUserError;

/// <summary>Someone else changed the object since the caller read it; nothing was written. Read it again and retry.</summary>
public sealed record ConcurrentEditError(string Message, string Id) : IUserError;
