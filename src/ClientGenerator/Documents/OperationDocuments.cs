using Diecast.ClientGenerator.Diagnostics;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using GraphQLParser.Visitors;

namespace Diecast.ClientGenerator.Documents;

/// <summary>A named operation or fragment and the file it was written in.</summary>
public sealed record Definition(string Name, ASTNode Node, SourceFile File);

/// <summary>
/// Every operation and fragment of every file, with the generator's own rules: operations are named, names are
/// unique across files (one file may hold several definitions), fragments are shared by all files.
/// </summary>
public sealed class OperationDocuments
{
    private readonly Dictionary<ASTNode, SourceFile> _fileOfNode = new(ReferenceEqualityComparer.Instance);

    private OperationDocuments()
    {
    }

    /// <summary>Operations, sorted by name.</summary>
    public IReadOnlyList<Definition> Operations { get; private set; } = [];

    public IReadOnlyDictionary<string, Definition> Fragments { get; private set; } = new Dictionary<string, Definition>();

    public SourceFile? FileOf(ASTNode node) => _fileOfNode.GetValueOrDefault(node);

    public static OperationDocuments Read(IEnumerable<SourceFile> files, List<GeneratorDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var documents = new OperationDocuments();
        var operations = new Dictionary<string, Definition>(StringComparer.Ordinal);
        var fragments = new Dictionary<string, Definition>(StringComparer.Ordinal);

        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            GraphQLDocument document;
            try
            {
                document = Parser.Parse(file.Text, new ParserOptions { Ignore = IgnoreOptions.Comments });
            }
            catch (GraphQLSyntaxErrorException exception)
            {
                diagnostics.Add(new GeneratorDiagnostic(DiagnosticCodes.SyntaxError, file.Path, exception.Location.Line, exception.Location.Column, $"Syntax error: {exception.Description}"));
                continue;
            }

            foreach (var node in document.Definitions)
            {
                switch (node)
                {
                    case GraphQLOperationDefinition { Name: null } operation:
                        diagnostics.Add(GeneratorDiagnostic.At(DiagnosticCodes.AnonymousOperation, file, operation.Location.Start,
                            "The operation has no name; the client names its method and result types after it (e.g. 'query GetProducts { … }')."));
                        break;
                    case GraphQLOperationDefinition { Operation: OperationType.Subscription } operation:
                        diagnostics.Add(GeneratorDiagnostic.At(DiagnosticCodes.UnsupportedDefinition, file, operation.Location.Start,
                            $"The subscription '{operation.Name!.StringValue}' is not supported: the client speaks HTTP only."));
                        break;
                    case GraphQLOperationDefinition operation:
                        Add(operations, new Definition(operation.Name!.StringValue, operation, file), DiagnosticCodes.DuplicateOperationName, "operation", diagnostics);
                        break;
                    case GraphQLFragmentDefinition fragment:
                        Add(fragments, new Definition(fragment.FragmentName.Name.StringValue, fragment, file), DiagnosticCodes.DuplicateFragmentName, "fragment", diagnostics);
                        break;
                    default:
                        diagnostics.Add(GeneratorDiagnostic.At(DiagnosticCodes.UnsupportedDefinition, file, node.Location.Start,
                            $"Operation files hold operations and fragments only; this is a {node.Kind} (type definitions belong in the schema)."));
                        break;
                }

                documents.Remember(node, file);
            }
        }

        documents.Operations = [.. operations.Values.OrderBy(o => o.Name, StringComparer.Ordinal)];
        documents.Fragments = fragments;
        return documents;
    }

    /// <summary>The fragments an operation or fragment spreads, directly or through other fragments, sorted by name; unknown names are skipped (validation reports them).</summary>
    public IReadOnlyList<Definition> FragmentsUsedBy(ASTNode node)
    {
        var found = new SortedDictionary<string, Definition>(StringComparer.Ordinal);
        var pending = new Stack<ASTNode>([node]);
        while (pending.Count > 0)
        {
            foreach (var name in SpreadNames(pending.Pop()))
            {
                if (!found.ContainsKey(name) && Fragments.TryGetValue(name, out var fragment))
                {
                    found.Add(name, fragment);
                    pending.Push(fragment.Node);
                }
            }
        }

        return [.. found.Values];
    }

    private static List<string> SpreadNames(ASTNode node)
    {
        var names = new List<string>();
        new SpreadCollector().VisitAsync(node, new VisitorContext<List<string>>(names)).AsTask().GetAwaiter().GetResult();
        return names;
    }

    private static void Add(Dictionary<string, Definition> byName, Definition definition, string code, string kind, List<GeneratorDiagnostic> diagnostics)
    {
        if (byName.TryGetValue(definition.Name, out var first))
        {
            var (line, column) = first.File.PositionOf(first.Node.Location.Start);
            diagnostics.Add(GeneratorDiagnostic.At(code, definition.File, definition.Node.Location.Start,
                $"The {kind} name '{definition.Name}' is already used at {first.File.Path}({line},{column}); {kind} names must be unique across all operation files."));
            return;
        }

        byName.Add(definition.Name, definition);
    }

    private void Remember(ASTNode root, SourceFile file) =>
        new NodeCollector().VisitAsync(root, new VisitorContext<(Dictionary<ASTNode, SourceFile> Map, SourceFile File)>((_fileOfNode, file))).AsTask().GetAwaiter().GetResult();

    private sealed class SpreadCollector : ASTVisitor<VisitorContext<List<string>>>
    {
        protected override ValueTask VisitFragmentSpreadAsync(GraphQLFragmentSpread fragmentSpread, VisitorContext<List<string>> context)
        {
            context.State.Add(fragmentSpread.FragmentName.Name.StringValue);
            return base.VisitFragmentSpreadAsync(fragmentSpread, context);
        }
    }

    /// <summary>Every node of a definition, mapped to its file: validation errors point at nodes, diagnostics at files.</summary>
    private sealed class NodeCollector : ASTVisitor<VisitorContext<(Dictionary<ASTNode, SourceFile> Map, SourceFile File)>>
    {
        public override ValueTask VisitAsync(ASTNode? node, VisitorContext<(Dictionary<ASTNode, SourceFile> Map, SourceFile File)> context)
        {
            if (node is not null)
            {
                context.State.Map[node] = context.State.File;
            }

            return base.VisitAsync(node, context);
        }
    }
}
