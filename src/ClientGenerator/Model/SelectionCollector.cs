using Diecast.ClientGenerator.Documents;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Diecast.ClientGenerator.Model;

/// <summary>
/// A selection set to collect fields from; the fragment views (interface names without the I) it belongs to: every
/// enclosing fragment's, so that a fragment spreading another gets results implementing both; and whether its fields
/// may be missing even when the parent is there (a sub-selection of one occurrence of a field that is selected
/// elsewhere too, where only this occurrence carries @include/@skip).
/// </summary>
internal sealed record SelectionEntry(GraphQLSelectionSet Set, IReadOnlyList<string> Owners, bool Conditional = false);

internal sealed class CollectedField(string responseName, FieldType definition)
{
    public string ResponseName { get; } = responseName;

    public FieldType Definition { get; } = definition;

    public List<GraphQLField> Nodes { get; } = [];

    /// <summary>Fragment views the field was selected in: its nested type implements their nested interfaces.</summary>
    public SortedSet<string> Origins { get; } = new(StringComparer.Ordinal);

    public bool AlwaysSelected { get; set; }

    public Dictionary<GraphQLField, IReadOnlyList<string>> OriginsByNode { get; } = new(ReferenceEqualityComparer.Instance);

    public HashSet<GraphQLField> ConditionalNodes { get; } = new(ReferenceEqualityComparer.Instance);

    public bool SameNodesAs(CollectedField other) =>
        Nodes.Count == other.Nodes.Count && Nodes.All(n => other.Nodes.Contains(n)) && Origins.SetEquals(other.Origins);
}

/// <summary>
/// The fields a position's selection sets give one object type (or, without one, every possible type of an abstract
/// position), merged by response name, and the fragment views that apply: a walk through fields, inline fragments and
/// fragment spreads. <paramref name="interfaces"/> holds the fragments' interfaces built so far.
/// </summary>
internal sealed class SelectionCollector(
    ISchema schema,
    OperationDocuments documents,
    IReadOnlyDictionary<string, ResultInterface> interfaces,
    IGraphType positionType,
    IObjectGraphType? objectType)
{
    private readonly Dictionary<string, CollectedField> _fields = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _views = new(StringComparer.Ordinal);

    public (Dictionary<string, CollectedField> Fields, SortedSet<string> Views) Collect(List<SelectionEntry> entries)
    {
        foreach (var entry in entries)
        {
            Walk(entry.Set, positionType, [.. entry.Owners.Select(o => (o, OwnerType(o) ?? positionType))], entry.Conditional, []);
        }

        return (_fields, _views);
    }

    /// <summary>
    /// owners: the fragment views enclosing the selection set (each with its type condition); spreading: the fragments
    /// being walked, so that a cycle (which validation reports) cannot recurse forever.
    /// </summary>
    private void Walk(GraphQLSelectionSet set, IGraphType scope, IReadOnlyList<(string Name, IGraphType Type)> owners, bool conditional, IReadOnlyList<string> spreading)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    AddField(field, scope, owners, conditional);
                    break;
                case GraphQLInlineFragment inline:
                    var inlineType = inline.TypeCondition is { } condition ? schema.AllTypes[condition.Type.Name.StringValue]! : scope;
                    if (Applies(inlineType))
                    {
                        Walk(inline.SelectionSet, inlineType, owners, conditional || HasCondition(inline.Directives), spreading);
                    }

                    break;
                case GraphQLFragmentSpread spread:
                    WalkSpread(spread, owners, conditional, spreading);
                    break;
            }
        }
    }

    private void AddField(GraphQLField field, IGraphType scope, IReadOnlyList<(string Name, IGraphType Type)> owners, bool conditional)
    {
        var responseName = (field.Alias?.Name ?? field.Name).StringValue;
        if (field.Name.StringValue.StartsWith("__", StringComparison.Ordinal) || ((IComplexGraphType)scope).GetField(field.Name.StringValue) is not { } definition)
        {
            return;
        }

        if (!_fields.TryGetValue(responseName, out var collected))
        {
            _fields[responseName] = collected = new CollectedField(responseName, definition);
        }

        collected.Nodes.Add(field);
        var fieldConditional = conditional || HasCondition(field.Directives);
        collected.AlwaysSelected |= !fieldConditional;
        if (fieldConditional)
        {
            collected.ConditionalNodes.Add(field);
        }

        var fieldOrigins = owners.Select(owner =>
                objectType is not null && !Covers(scope, owner.Type) && interfaces.ContainsKey($"I{owner.Name}_{objectType.Name}") ? $"{owner.Name}_{objectType.Name}" : owner.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        collected.OriginsByNode[field] = fieldOrigins;
        collected.Origins.UnionWith(fieldOrigins);
    }

    private void WalkSpread(GraphQLFragmentSpread spread, IReadOnlyList<(string Name, IGraphType Type)> owners, bool conditional, IReadOnlyList<string> spreading)
    {
        if (!documents.Fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) || spreading.Contains(fragment.Name))
        {
            return;
        }

        var fragmentNode = (GraphQLFragmentDefinition)fragment.Node;
        var fragmentType = schema.AllTypes[fragmentNode.TypeCondition.Type.Name.StringValue]!;
        if (!Applies(fragmentType))
        {
            return;
        }

        var spreadConditional = conditional || HasCondition(spread.Directives);
        // A fragment that may be skipped cannot be an interface of the result: its non-null fields may be missing.
        if (!spreadConditional && interfaces.ContainsKey("I" + fragment.Name))
        {
            _views.Add(fragment.Name);
            if (objectType is not null && interfaces.ContainsKey($"I{fragment.Name}_{objectType.Name}"))
            {
                _views.Add($"{fragment.Name}_{objectType.Name}");
            }
        }

        // The fragment's fields belong to its own view too, unless it may be skipped; enclosing views stay.
        Walk(fragmentNode.SelectionSet, fragmentType, spreadConditional ? owners : [.. owners, (fragment.Name, fragmentType)], spreadConditional, [.. spreading, fragment.Name]);
    }

    private bool Applies(IGraphType condition) => objectType is null ? Covers(condition, positionType) : PossibleTypes(condition).Contains(objectType.Name);

    private IGraphType? OwnerType(string? owner) =>
        owner is not null && interfaces.TryGetValue("I" + owner, out var view) ? schema.AllTypes[view.GraphQLType] : null;

    /// <summary>Whether every object type of <paramref name="target"/> is also one of <paramref name="condition"/>.</summary>
    private static bool Covers(IGraphType condition, IGraphType target)
    {
        var conditionTypes = PossibleTypes(condition);
        return PossibleTypes(target).All(conditionTypes.Contains);
    }

    private static HashSet<string> PossibleTypes(IGraphType type) => type switch
    {
        IAbstractGraphType abstractType => [.. abstractType.PossibleTypes.Select(t => t.Name)],
        _ => [type.Name],
    };

    private static bool HasCondition(GraphQLDirectives? directives) =>
        directives?.Items.Any(d => d.Name.StringValue is "include" or "skip") == true;
}
