using GraphQLParser.Visitors;

namespace Diecast.ClientGenerator.Documents;

/// <summary>State for a GraphQLParser AST visitor; the generator's walks are synchronous and never cancelled.</summary>
internal sealed class VisitorContext<TState>(TState state) : IASTVisitorContext
{
    public TState State { get; } = state;

    public CancellationToken CancellationToken => CancellationToken.None;
}
