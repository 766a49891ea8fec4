using Diecast.ClientGenerator.Documents;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace Diecast.ClientGenerator.Manifest;

/// <summary>
/// The exact text the client sends for an operation, and that the trusted-documents manifest holds: the operation,
/// then the fragments it uses sorted by name, printed in one canonical layout, with <c>__typename</c> in every
/// selection set (as StrawberryShake does) so that the client can tell the types of interfaces and unions apart.
/// </summary>
public static class DocumentExporter
{
    public static string Export(GraphQLOperationDefinition operation, IEnumerable<GraphQLFragmentDefinition> fragments)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(fragments);
        // Print, then parse the printed text again: the copy gets __typename without touching the AST the model reads.
        var original = new GraphQLDocument([operation, .. fragments]);
        var copy = Parser.Parse(Print(original), new ParserOptions { Ignore = IgnoreOptions.Comments | IgnoreOptions.Locations });
        new TypenameAdder().VisitAsync(copy, new VisitorContext<int>(0)).AsTask().GetAwaiter().GetResult();
        return Print(copy);
    }

    private static string Print(GraphQLDocument document)
    {
        using var writer = new StringWriter();
        new SDLPrinter().PrintAsync(document, writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString().ReplaceLineEndings("\n").TrimEnd() + "\n";
    }

    private sealed class TypenameAdder : ASTVisitor<VisitorContext<int>>
    {
        protected override ValueTask VisitSelectionSetAsync(GraphQLSelectionSet selectionSet, VisitorContext<int> context)
        {
            // Only a plain __typename will be there whatever the variables: an aliased one is read under another name,
            // and one under @include/@skip may be left out.
            var hasTypename = selectionSet.Selections.Any(s =>
                s is GraphQLField { Alias: null } field && field.Name.StringValue == "__typename" && (field.Directives?.Items.Count ?? 0) == 0);
            if (!hasTypename)
            {
                selectionSet.Selections.Insert(0, new GraphQLField(new GraphQLName("__typename")));
            }

            return base.VisitSelectionSetAsync(selectionSet, context);
        }
    }
}
