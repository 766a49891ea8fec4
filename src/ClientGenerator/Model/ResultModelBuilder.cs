using Diecast.ClientGenerator.Diagnostics;
using Diecast.ClientGenerator.Documents;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Diecast.ClientGenerator.Model;

/// <summary>
/// The result types of operations and fragments, the way StrawberryShake shapes them:
/// <list type="bullet">
/// <item>Each selection set is a position named by its path (GetProducts → GetProducts_Products → GetProducts_Products_Nodes)
/// with an interface <c>I{Path}</c> holding the fields every possible type gets.</item>
/// <item>On an interface or union, each object type that a type condition selects more fields for gets
/// <c>I{Path}_{Type}</c> and a class <c>{Path}_{Type}</c>; every other typename, including ones the schema gains later,
/// reads as the fallback class <c>{Path}_Other</c>. On an object type the class is <c>{Path}_{Type}</c>.</item>
/// <item>A fragment is an interface <c>I{Fragment}</c> (its nested selections <c>I{Fragment}_{Field}</c>), and every
/// result type whose selection spreads it implements it; nested result types implement the fragment's nested interfaces.</item>
/// <item>A field is nullable when the schema says so, or when every selection of it carries @include/@skip.</item>
/// </list>
/// Two selections that would generate one type name are reported (DGQL0030) where the second one is built.
/// </summary>
/// <remarks>Enums met in results are added to the <see cref="SchemaTypeModelBuilder"/>; collisions are reported to the diagnostics.</remarks>
internal sealed class ResultModelBuilder(
    ISchema schema,
    OperationDocuments documents,
    ScalarMap scalars,
    SchemaTypeModelBuilder schemaTypes,
    TypeOrigins origins,
    List<GeneratorDiagnostic> diagnostics)
{
    private readonly Dictionary<string, ResultInterface> _interfaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResultClass> _classes = new(StringComparer.Ordinal);
    private readonly List<Position> _readPositions = [];

    public IReadOnlyList<ResultInterface> Interfaces => [.. _interfaces.Values.OrderBy(i => i.Name, StringComparer.Ordinal)];

    public IReadOnlyList<ResultClass> Classes => [.. _classes.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>The positions read from JSON: operation results and everything nested in them (fragments are interfaces only).</summary>
    public IReadOnlyList<Position> ReadPositions => [.. _readPositions.OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>
    /// The interfaces of a fragment, I{Fragment} and its nested ones, which the results spreading it implement; build a
    /// fragment after the fragments it spreads. A fragment on a type that is not composite (validation reports it) adds nothing.
    /// </summary>
    public void AddFragment(Definition fragment)
    {
        var node = (GraphQLFragmentDefinition)fragment.Node;
        if (schema.AllTypes[node.TypeCondition.Type.Name.StringValue] is IComplexGraphType or IAbstractGraphType)
        {
            BuildPosition(fragment.Name, fragment.Name, CompositeType(node.TypeCondition.Type.Name.StringValue), [new SelectionEntry(node.SelectionSet, [])], [], readable: false, isRoot: false);
        }
    }

    /// <summary>The interface and classes of an operation's result ({Operation}Result) and of everything nested in it.</summary>
    public Position AddOperationResult(Definition operation, IGraphType rootType)
    {
        var node = (GraphQLOperationDefinition)operation.Node;
        return BuildPosition(operation.Name + "Result", operation.Name, rootType, [new SelectionEntry(node.SelectionSet, [])], [], readable: true, isRoot: true);
    }

    private Position BuildPosition(string name, string childPrefix, IGraphType type, List<SelectionEntry> entries, IEnumerable<string> bases, bool readable, bool isRoot)
    {
        var isAbstract = type is IAbstractGraphType;
        var position = new Position(name, "I" + name, isAbstract);
        var possible = isAbstract
            ? ((IAbstractGraphType)type).PossibleTypes.OrderBy(t => t.Name, StringComparer.Ordinal).ToList()
            : [(IObjectGraphType)type];

        var (common, commonViews) = new SelectionCollector(schema, documents, _interfaces, type, isAbstract ? null : possible[0]).Collect(entries);
        var perType = isAbstract ? possible.Select(t => (Type: t, Collected: new SelectionCollector(schema, documents, _interfaces, type, t).Collect(entries))).ToList() : [];
        // A field selected more than once for any possible type: an occurrence under @include/@skip then says nothing
        // about whether the field is there, only about whether its own sub-fields are, and that for every type alike
        // (the shared interface's nested type is the base of each type's own).
        var repeated = common.Values.Concat(perType.SelectMany(t => t.Collected.Fields.Values))
            .Where(f => f.Nodes.Count > 1)
            .Select(f => f.ResponseName)
            .ToHashSet(StringComparer.Ordinal);
        var commonInterface = AddInterface(position.InterfaceName, type.Name);
        commonInterface.Bases.UnionWith(bases.Select(b => "I" + b));
        commonInterface.Bases.UnionWith(entries.Where(e => !e.Conditional).SelectMany(e => e.Owners).Select(o => "I" + o));
        commonInterface.Bases.UnionWith(commonViews.Select(v => "I" + v));
        commonInterface.Properties.AddRange(Properties(common, childPrefix, null, null, repeated, readable));

        if (!isAbstract)
        {
            if (readable)
            {
                position.Fallback = AddClass(isRoot ? name : $"{name}_{type.Name}", type.Name, commonInterface.Name, commonInterface.Properties);
                position.ClassesByType[type.Name] = position.Fallback;
            }
        }
        else
        {
            foreach (var (objectType, (fields, views)) in perType)
            {
                var extra = fields.Values.Where(f => !common.TryGetValue(f.ResponseName, out var c) || !f.SameNodesAs(c)).ToList();
                views.ExceptWith(commonViews);
                if (extra.Count == 0 && views.Count == 0)
                {
                    continue;
                }

                var specific = AddInterface($"I{name}_{objectType.Name}", objectType.Name);
                specific.Bases.Add(commonInterface.Name);
                specific.Bases.UnionWith(views.Select(v => "I" + v));
                var extraProperties = Properties(extra.ToDictionary(f => f.ResponseName), $"{childPrefix}_{objectType.Name}", childPrefix, common, repeated, readable);
                specific.Properties.AddRange(extraProperties);
                if (readable)
                {
                    var all = commonInterface.Properties.Select(p => extraProperties.FirstOrDefault(e => e.ResponseName == p.ResponseName) ?? p)
                        .Concat(extraProperties.Where(e => commonInterface.Properties.All(p => p.ResponseName != e.ResponseName)))
                        .ToList();
                    position.ClassesByType[objectType.Name] = AddClass($"{name}_{objectType.Name}", objectType.Name, specific.Name, all);
                }
            }

            if (readable)
            {
                position.Fallback = AddClass($"{name}_Other", null, commonInterface.Name, commonInterface.Properties);
            }
        }

        if (readable)
        {
            _readPositions.Add(position);
        }

        return position;
    }

    /// <summary>
    /// The properties for collected fields: __typename first, then the fields in selection order. For a per-type
    /// interface, commonPrefix is the common interface's prefix, whose nested types the redeclared fields' nested types extend.
    /// </summary>
    private List<ResultProperty> Properties(IReadOnlyDictionary<string, CollectedField> fields, string childPrefix, string? commonPrefix, Dictionary<string, CollectedField>? common, HashSet<string> repeated, bool readable)
    {
        var properties = new List<ResultProperty> { new("__typename", "__typename", TypeUse.Scalar(scalars["String"]).AsNullable(false)) };
        foreach (var field in fields.Values.Where(f => f.ResponseName != "__typename"))
        {
            var childName = $"{childPrefix}_{Naming.Pascal(field.ResponseName)}";
            var commonChild = commonPrefix is not null && common!.ContainsKey(field.ResponseName) ? $"{commonPrefix}_{Naming.Pascal(field.ResponseName)}" : null;
            var type = OutputTypeUse(field.Definition.ResolvedType!, field, childName, commonChild, repeated.Contains(field.ResponseName), readable);
            properties.Add(new ResultProperty(field.ResponseName, Naming.Pascal(field.ResponseName), field.AlwaysSelected ? type : type.AsNullable(true)));
        }

        return properties;
    }

    private TypeUse OutputTypeUse(IGraphType type, CollectedField field, string childName, string? commonChild, bool repeated, bool readable)
    {
        if (type is NonNullGraphType nonNull)
        {
            return OutputTypeUse(nonNull.ResolvedType!, field, childName, commonChild, repeated, readable).AsNullable(false);
        }

        if (type is ListGraphType list)
        {
            return TypeUse.List(OutputTypeUse(list.ResolvedType!, field, childName, commonChild, repeated, readable));
        }

        if (schemaTypes.LeafTypeUse(type) is { } leaf)
        {
            return leaf;
        }

        var entries = field.Nodes.Where(n => n.SelectionSet is not null)
            .Select(n => new SelectionEntry(
                n.SelectionSet!,
                [.. field.OriginsByNode.GetValueOrDefault(n, []).Select(origin => $"{origin}_{Naming.Pascal(field.ResponseName)}")],
                repeated && field.ConditionalNodes.Contains(n)))
            .ToList();
        // A per-type redeclaration's nested type also serves the common interface's declaration of the same field.
        var bases = commonChild is null ? Array.Empty<string>() : [commonChild];
        return TypeUse.Composite(BuildPosition(childName, childName, type, entries, bases, readable, isRoot: false));
    }

    private IGraphType CompositeType(string name) => schema.AllTypes[name]!;

    private ResultInterface AddInterface(string name, string graphQLType)
    {
        var created = new ResultInterface(name, graphQLType);
        if (!_interfaces.TryAdd(name, created))
        {
            ReportCollision(name);
            return _interfaces[name];
        }

        origins.Record(name);
        return created;
    }

    private ResultClass AddClass(string name, string? graphQLType, string implements, IReadOnlyList<ResultProperty> properties)
    {
        var created = new ResultClass(name, graphQLType, implements, properties);
        if (!_classes.TryAdd(name, created))
        {
            ReportCollision(name);
        }

        origins.Record(name);
        return created;
    }

    private void ReportCollision(string name) =>
        diagnostics.Add(GeneratorDiagnostic.At(DiagnosticCodes.GeneratedNameCollision, origins.Current.File, origins.Current.Node.Location.Start,
            $"Two selections would both generate the type '{name}'; rename a field with an alias or rename the operation or fragment."));
}
