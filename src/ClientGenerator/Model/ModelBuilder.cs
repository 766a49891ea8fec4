using Diecast.ClientGenerator.Diagnostics;
using Diecast.ClientGenerator.Documents;
using Diecast.ClientGenerator.Manifest;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Diecast.ClientGenerator.Model;

/// <summary>
/// Turns validated operations into the client's type model, the way StrawberryShake shapes it:
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
/// </summary>
public sealed class ModelBuilder
{
    private readonly ISchema _schema;
    private readonly OperationDocuments _documents;
    private readonly ScalarMap _scalars;
    private readonly List<GeneratorDiagnostic> _diagnostics;
    private readonly string _clientName;
    private readonly Dictionary<string, ResultInterface> _interfaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResultClass> _classes = new(StringComparer.Ordinal);
    private readonly List<Position> _readPositions = [];
    private readonly SortedDictionary<string, EnumModel> _enums = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, InputModel?> _inputs = new(StringComparer.Ordinal);
    /// <summary>The operation or fragment each generated type was first made for: where a collision is reported.</summary>
    private readonly Dictionary<string, Definition> _originOf = new(StringComparer.Ordinal);
    private Definition _current = null!;

    private ModelBuilder(ISchema schema, OperationDocuments documents, ScalarMap scalars, string clientName, List<GeneratorDiagnostic> diagnostics)
    {
        _clientName = clientName;
        _schema = schema;
        _documents = documents;
        _scalars = scalars;
        _diagnostics = diagnostics;
    }

    public static ClientModel Build(ISchema schema, OperationDocuments documents, ScalarMap scalars, string clientName, string @namespace, List<GeneratorDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var builder = new ModelBuilder(schema, documents, scalars, clientName, diagnostics);

        // Fragments first, in dependency order, so that the interfaces a selection implements exist when it is built;
        // only the ones operations use (validation reports the others).
        var built = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fragment in documents.Operations.SelectMany(o => documents.FragmentsUsedBy(o.Node)).DistinctBy(f => f.Name).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            builder.BuildFragment(fragment, built, []);
        }

        var operations = documents.Operations.Select(builder.BuildOperation).ToList();
        var model = new ClientModel
        {
            ClientName = clientName,
            Namespace = @namespace,
            Operations = operations,
            Interfaces = [.. builder._interfaces.Values.OrderBy(i => i.Name, StringComparer.Ordinal)],
            Classes = [.. builder._classes.Values.OrderBy(c => c.Name, StringComparer.Ordinal)],
            ReadPositions = [.. builder._readPositions.OrderBy(p => p.Name, StringComparer.Ordinal)],
            Enums = [.. builder._enums.Values],
            Inputs = [.. builder._inputs.Values.OfType<InputModel>()],
        };
        builder.CheckNames(model, documents);
        // Colliding names already make the code unusable, and leave members this check could not tell apart.
        if (diagnostics.Count == 0)
        {
            builder.CheckFragmentImplementations(model);
        }

        return model;
    }

    private void BuildFragment(Definition fragment, HashSet<string> built, HashSet<string> inProgress)
    {
        if (built.Contains(fragment.Name) || !inProgress.Add(fragment.Name))
        {
            return;
        }

        foreach (var used in _documents.FragmentsUsedBy(fragment.Node))
        {
            BuildFragment(used, built, inProgress);
        }

        var node = (GraphQLFragmentDefinition)fragment.Node;
        _current = fragment;
        if (_schema.AllTypes[node.TypeCondition.Type.Name.StringValue] is IComplexGraphType or IAbstractGraphType)
        {
            BuildPosition(fragment.Name, fragment.Name, CompositeType(node.TypeCondition.Type.Name.StringValue), [new Entry(node.SelectionSet, [])], [], readable: false, isRoot: false);
        }

        built.Add(fragment.Name);
        inProgress.Remove(fragment.Name);
    }

    private OperationModel BuildOperation(Definition operation)
    {
        _current = operation;
        var node = (GraphQLOperationDefinition)operation.Node;
        var (kind, root) = node.Operation == OperationType.Mutation ? ("Mutation", _schema.Mutation!) : ("Query", (IGraphType)_schema.Query);
        var result = BuildPosition(operation.Name + "Result", operation.Name, root, [new Entry(node.SelectionSet, [])], [], readable: true, isRoot: true);
        CheckVariableNames(operation, node);
        var variables = (node.Variables?.Items ?? []).Select(v => new VariableModel(
            v.Variable.Name.StringValue,
            InputTypeUse(v.Type),
            v.DefaultValue is not null || v.Type is not GraphQLNonNullType)).ToList();
        var document = DocumentExporter.Export(node, _documents.FragmentsUsedBy(node).Select(f => (GraphQLFragmentDefinition)f.Node));
        return new OperationModel(operation.Name, kind, document, global::Diecast.GraphQL.Client.TrustedDocumentsFile.IdOf(document), variables, result);
    }

    /// <summary>
    /// A selection set to collect fields from; the fragment views (interface names without the I) it belongs to: every
    /// enclosing fragment's, so that a fragment spreading another gets results implementing both; and whether its fields may be missing even when the parent is there (a sub-selection of one occurrence of a field
    /// that is selected elsewhere too, where only this occurrence carries @include/@skip).
    /// </summary>
    private sealed record Entry(GraphQLSelectionSet Set, IReadOnlyList<string> Owners, bool Conditional = false);

    private sealed class CollectedField(string responseName, FieldType definition)
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

    private Position BuildPosition(string name, string childPrefix, IGraphType type, List<Entry> entries, IEnumerable<string> bases, bool readable, bool isRoot)
    {
        var isAbstract = type is IAbstractGraphType;
        var position = new Position(name, "I" + name, isAbstract);
        var possible = isAbstract
            ? ((IAbstractGraphType)type).PossibleTypes.OrderBy(t => t.Name, StringComparer.Ordinal).ToList()
            : [(IObjectGraphType)type];

        var (common, commonViews) = Collect(entries, type, isAbstract ? null : possible[0]);
        var perType = isAbstract ? possible.Select(t => (Type: t, Collected: Collect(entries, type, t))).ToList() : [];
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
    private List<ResultProperty> Properties(IReadOnlyDictionary<string, CollectedField> fields, string childPrefix, string? commonPrefix, IReadOnlyDictionary<string, CollectedField>? common, HashSet<string> repeated, bool readable)
    {
        var properties = new List<ResultProperty> { new("__typename", "__typename", new TypeUse(false, null, _scalars["String"], null, null, null)) };
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
            return new TypeUse(true, OutputTypeUse(list.ResolvedType!, field, childName, commonChild, repeated, readable), null, null, null, null);
        }

        if (LeafTypeUse(type) is { } leaf)
        {
            return leaf;
        }

        var entries = field.Nodes.Where(n => n.SelectionSet is not null)
            .Select(n => new Entry(
                n.SelectionSet!,
                [.. field.OriginsByNode.GetValueOrDefault(n, []).Select(origin => $"{origin}_{Naming.Pascal(field.ResponseName)}")],
                repeated && field.ConditionalNodes.Contains(n)))
            .ToList();
        // A per-type redeclaration's nested type also serves the common interface's declaration of the same field.
        var bases = commonChild is null ? Array.Empty<string>() : [commonChild];
        return new TypeUse(true, null, null, null, null, BuildPosition(childName, childName, type, entries, bases, readable, isRoot: false));
    }

    /// <summary>
    /// The fields a selection set gives one object type (or, when <paramref name="objectType"/> is null, every possible
    /// type of an abstract position), merged by response name, and the fragment views that apply.
    /// </summary>
    private (Dictionary<string, CollectedField> Fields, SortedSet<string> Views) Collect(List<Entry> entries, IGraphType positionType, IObjectGraphType? objectType)
    {
        var fields = new Dictionary<string, CollectedField>(StringComparer.Ordinal);
        var views = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            Walk(entry.Set, positionType, [.. entry.Owners.Select(o => (o, OwnerType(o) ?? positionType))], entry.Conditional, []);
        }

        return (fields, views);

        // owners: the fragment views enclosing the selection set (each with its type condition); spreading: the fragments
        // being walked, so that a cycle (which validation reports) cannot recurse forever.
        void Walk(GraphQLSelectionSet set, IGraphType scope, IReadOnlyList<(string Name, IGraphType Type)> owners, bool conditional, IReadOnlyList<string> spreading)
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        var responseName = (field.Alias?.Name ?? field.Name).StringValue;
                        if (field.Name.StringValue.StartsWith("__", StringComparison.Ordinal) || ((IComplexGraphType)scope).GetField(field.Name.StringValue) is not { } definition)
                        {
                            break;
                        }

                        if (!fields.TryGetValue(responseName, out var collected))
                        {
                            fields[responseName] = collected = new CollectedField(responseName, definition);
                        }

                        collected.Nodes.Add(field);
                        var fieldConditional = conditional || HasCondition(field.Directives);
                        collected.AlwaysSelected |= !fieldConditional;
                        if (fieldConditional)
                        {
                            collected.ConditionalNodes.Add(field);
                        }

                        var origins = owners.Select(owner =>
                                objectType is not null && !Covers(scope, owner.Type) && _interfaces.ContainsKey($"I{owner.Name}_{objectType.Name}") ? $"{owner.Name}_{objectType.Name}" : owner.Name)
                            .Distinct(StringComparer.Ordinal)
                            .ToList();
                        collected.OriginsByNode[field] = origins;
                        collected.Origins.UnionWith(origins);

                        break;
                    case GraphQLInlineFragment inline:
                        var inlineType = inline.TypeCondition is { } condition ? _schema.AllTypes[condition.Type.Name.StringValue]! : scope;
                        if (Applies(inlineType))
                        {
                            Walk(inline.SelectionSet, inlineType, owners, conditional || HasCondition(inline.Directives), spreading);
                        }

                        break;
                    case GraphQLFragmentSpread spread:
                        if (!_documents.Fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) || spreading.Contains(fragment.Name))
                        {
                            break;
                        }

                        var fragmentNode = (GraphQLFragmentDefinition)fragment.Node;
                        var fragmentType = _schema.AllTypes[fragmentNode.TypeCondition.Type.Name.StringValue]!;
                        if (!Applies(fragmentType))
                        {
                            break;
                        }

                        var spreadConditional = conditional || HasCondition(spread.Directives);
                        // A fragment that may be skipped cannot be an interface of the result: its non-null fields may be missing.
                        if (!spreadConditional && _interfaces.ContainsKey("I" + fragment.Name))
                        {
                            views.Add(fragment.Name);
                            if (objectType is not null && _interfaces.ContainsKey($"I{fragment.Name}_{objectType.Name}"))
                            {
                                views.Add($"{fragment.Name}_{objectType.Name}");
                            }
                        }

                        // The fragment's fields belong to its own view too, unless it may be skipped; enclosing views stay.
                        Walk(fragmentNode.SelectionSet, fragmentType, spreadConditional ? owners : [.. owners, (fragment.Name, fragmentType)], spreadConditional, [.. spreading, fragment.Name]);
                        break;
                }
            }
        }

        bool Applies(IGraphType condition) => objectType is null ? Covers(condition, positionType) : PossibleTypes(condition).Contains(objectType.Name);
    }

    private IGraphType? OwnerType(string? owner) =>
        owner is not null && _interfaces.TryGetValue("I" + owner, out var view) ? _schema.AllTypes[view.GraphQLType] : null;

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

    private IGraphType CompositeType(string name) => _schema.AllTypes[name]!;

    private ResultInterface AddInterface(string name, string graphQLType)
    {
        var created = new ResultInterface(name, graphQLType);
        if (!_interfaces.TryAdd(name, created))
        {
            ReportCollision(name);
            return _interfaces[name];
        }

        _originOf.TryAdd(name, _current);
        return created;
    }

    private ResultClass AddClass(string name, string? graphQLType, string implements, IReadOnlyList<ResultProperty> properties)
    {
        var created = new ResultClass(name, graphQLType, implements, properties);
        if (!_classes.TryAdd(name, created))
        {
            ReportCollision(name);
        }

        _originOf.TryAdd(name, _current);
        return created;
    }

    private void ReportCollision(string name) =>
        _diagnostics.Add(GeneratorDiagnostic.At(DiagnosticCodes.GeneratedNameCollision, _current.File, _current.Node.Location.Start,
            $"Two selections would both generate the type '{name}'; rename a field with an alias or rename the operation or fragment."));

    /// <summary>
    /// Parameters of ExecuteAsync: one per variable, named after it, then cancellationToken; the code writing them uses
    /// only names with <see cref="Naming.GeneratedLocalPrefix"/>.
    /// </summary>
    private void CheckVariableNames(Definition operation, GraphQLOperationDefinition node)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cancellationToken"] = "the CancellationToken parameter",
            // A parameter of this name would hide the field ExecuteAsync sends the request through.
            ["_connection"] = "the operation's connection field",
            // Possible when the client name starts with a lower-case letter; ExecuteAsync calls the readers by it.
            [_clientName + "Json"] = "the client's readers class",
        };
        foreach (var variable in node.Variables?.Items ?? [])
        {
            var name = variable.Variable.Name.StringValue;
            var parameter = Naming.Camel(name).TrimStart('@');
            string? problem = null;
            if (name.StartsWith(Naming.GeneratedLocalPrefix, StringComparison.Ordinal))
            {
                problem = $"names starting with '{Naming.GeneratedLocalPrefix}' are reserved for the generated code's own locals";
            }
            else if (!seen.TryAdd(parameter, "$" + name))
            {
                problem = $"it would become the parameter '{parameter}', as {seen[parameter]} does";
            }

            if (problem is not null)
            {
                _diagnostics.Add(GeneratorDiagnostic.At(DiagnosticCodes.GeneratedNameCollision, operation.File, variable.Location.Start,
                    $"The variable '${name}' cannot be a parameter of {operation.Name}'s ExecuteAsync: {problem}; rename the variable."));
            }
        }
    }

    /// <summary>
    /// Every name the emitted code declares that comes from a GraphQL name, checked once over the whole model: types
    /// in the namespace, the client's members, properties of results and inputs, enum members and reader methods.
    /// </summary>
    private void CheckNames(ClientModel model, OperationDocuments documents)
    {
        var clientName = model.ClientName;
        var types = new List<(string Name, string What, Definition? Origin)>
        {
            ("I" + clientName, "the client's interface", null),
            (clientName, "the client", null),
            (clientName + "Registration", "the client's registration", null),
            (clientName + "Json", "the client's readers", null),
        };
        var operationByName = documents.Operations.ToDictionary(o => o.Name, StringComparer.Ordinal);
        foreach (var operation in model.Operations)
        {
            types.Add((operation.TypeName, $"the {operation.Kind.ToLowerInvariant()} {operation.Name}", operationByName[operation.Name]));
            types.Add(("I" + operation.TypeName, $"the {operation.Kind.ToLowerInvariant()} {operation.Name}'s interface", operationByName[operation.Name]));
        }

        types.AddRange(model.Interfaces.Select(i => (i.Name, $"a result interface of {Describe(_originOf[i.Name])}", (Definition?)_originOf[i.Name])));
        types.AddRange(model.Classes.Select(c => (c.Name, $"a result class of {Describe(_originOf[c.Name])}", (Definition?)_originOf[c.Name])));
        types.AddRange(model.Enums.Select(e => (e.Name, $"the enum {e.Name}", (Definition?)_originOf[e.Name])));
        types.AddRange(model.Inputs.Select(i => (i.Name, $"the input {i.Name}", (Definition?)_originOf[i.Name])));
        types.AddRange(Naming.ReferencedTypes.Select(t => (t, $"the .NET type {t} that the generated code uses", (Definition?)null)));
        foreach (var group in types.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            // The client's own names against a .NET type: the client name setting, reported (DGQL0042) before this.
            if ((group.Select(t => t.Origin).OfType<Definition>().FirstOrDefault() ?? (documents.Operations.Count > 0 ? documents.Operations[0] : null)) is not { } at)
            {
                continue;
            }

            Report(at, $"The generated type name '{group.Key}' would be used by {string.Join(" and by ", group.Select(t => t.What).Distinct(StringComparer.Ordinal))}; rename an operation or fragment (or the client).");
        }

        // The client class has a property per operation, next to its own Documents and the constructor's connection;
        // its code names operation classes (Documents) and ArgumentNullException, which a property would hide.
        var operationTypes = model.Operations.Select(o => o.TypeName).ToHashSet(StringComparer.Ordinal);
        foreach (var operation in model.Operations.Where(o => o.Name is "Documents" or "connection" || o.Name == clientName || operationTypes.Contains(o.Name) || Naming.ReferencedTypes.Contains(o.Name)))
        {
            Report(operationByName[operation.Name], $"The operation name '{operation.Name}' would collide with the client's own member or name '{operation.Name}'; rename the operation.");
        }

        // A result's interface and class have the same properties: one report for both.
        var reportedMembers = new HashSet<(Definition, string)>();
        var members = model.Interfaces.Select(i => (i.Name, i.Properties.Select(p => p.PropertyName)))
            .Concat(model.Classes.Select(c => (c.Name, c.Properties.Select(p => p.PropertyName))));
        foreach (var (typeName, properties) in members)
        {
            CheckMembers(typeName, properties, _originOf[typeName], "the result type", "fields (alias one of them)");
        }

        foreach (var input in model.Inputs)
        {
            var fields = input.Fields.Select(f => f.PropertyName).ToList();
            CheckMembers(input.Name, fields.Concat(fields.SelectMany(f => new[] { Naming.InputBackingField(f), Naming.InputSetFlag(f) })), _originOf[input.Name], "the input class", "schema fields");
        }

        foreach (var enumModel in model.Enums)
        {
            // An enum member may have the enum's name (Kind.Kind): CS0542 is not about enums.
            CheckMembers(enumModel.Name, enumModel.Values.Select(v => v.MemberName), _originOf[enumModel.Name], "the enum", "schema values", mayBeNamedLikeType: true);
        }

        var readers = model.ReadPositions.Select(p => "Read" + p.Name).Concat(model.Enums.SelectMany(e => new[] { "Read" + e.Name, "Format" + e.Name }));
        foreach (var reader in readers.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1 || g.Key == clientName + "Json"))
        {
            Report(documents.Operations[0], $"Two generated readers (or a reader and its class) would both be named '{reader.Key}' in {clientName}Json; rename an operation or fragment.");
        }

        void CheckMembers(string typeName, IEnumerable<string> names, Definition origin, string what, string from, bool mayBeNamedLikeType = false)
        {
            foreach (var name in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1 || (g.Key == typeName && !mayBeNamedLikeType)).Select(g => g.Key))
            {
                if (!reportedMembers.Add((origin, name)))
                {
                    continue;
                }

                Report(origin, name == typeName
                    ? $"The member '{name}' of {what} '{typeName}' would have the name of its type; rename it with an alias or rename the operation or fragment."
                    : $"Two {from} would both generate the member '{name}' of {what} '{typeName}'.");
            }
        }

        void Report(Definition at, string message) =>
            _diagnostics.Add(GeneratorDiagnostic.At(DiagnosticCodes.GeneratedNameCollision, at.File, at.Node.Location.Start, message));

        static string Describe(Definition definition) =>
            definition.Node is GraphQLFragmentDefinition ? $"the fragment {definition.Name}" : $"the operation {definition.Name}";
    }

    /// <summary>
    /// A result implements the interfaces of the fragments it spreads, each property by the result's own value. That
    /// fails when a field the fragment selects under @include/@skip is also selected unconditionally with other
    /// sub-fields: the result's object is then not the fragment's. Reported (DGQL0031) instead of code that does not
    /// compile.
    /// </summary>
    private void CheckFragmentImplementations(ClientModel model)
    {
        var interfaces = model.Interfaces.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var reported = new HashSet<(string, string)>();
        foreach (var resultClass in model.Classes)
        {
            var own = resultClass.Properties.ToDictionary(p => p.PropertyName, StringComparer.Ordinal);
            foreach (var (declaringInterface, declared) in Inherited(resultClass.Implements, []))
            {
                if (own.TryGetValue(declared.PropertyName, out var property) && !Fits(property.Type, declared.Type, topLevel: true)
                    && reported.Add((declaringInterface, declared.PropertyName)))
                {
                    var origin = _originOf.GetValueOrDefault(declaringInterface) ?? _originOf[resultClass.Name];
                    _diagnostics.Add(GeneratorDiagnostic.At(DiagnosticCodes.FragmentNotImplementable, origin.File, origin.Node.Location.Start,
                        $"The result {resultClass.Name} cannot implement {declaringInterface}: its field '{declared.ResponseName}' is selected with other sub-fields or conditions outside the fragment. Select it the same way in both places, or alias one of them."));
                }
            }
        }

        IEnumerable<(string Interface, ResultProperty Property)> Inherited(string interfaceName, HashSet<string> visited)
        {
            if (!visited.Add(interfaceName) || !interfaces.TryGetValue(interfaceName, out var resultInterface))
            {
                yield break;
            }

            foreach (var property in resultInterface.Properties)
            {
                yield return (interfaceName, property);
            }

            foreach (var inherited in resultInterface.Bases.SelectMany(b => Inherited(b, visited)))
            {
                yield return inherited;
            }
        }

        // C#'s rules for returning the result's value as the interface's type: a non-null value may widen to nullable
        // (for value types only at the top, not inside a list), lists are covariant, and a nested result must implement
        // the nested interface.
        bool Fits(TypeUse own, TypeUse declared, bool topLevel)
        {
            if (own.Nullable && !declared.Nullable)
            {
                return false;
            }

            var isValueType = own.Scalar?.IsValueType == true || own.Enum is not null;
            if (isValueType && !topLevel && own.Nullable != declared.Nullable)
            {
                return false;
            }

            return (own, declared) switch
            {
                ({ Item: { } ownItem }, { Item: { } declaredItem }) => Fits(ownItem, declaredItem, topLevel: false),
                ({ Composite: { } ownPosition }, { Composite: { } declaredPosition }) => Implements(ownPosition.InterfaceName, declaredPosition.InterfaceName, []),
                _ => true,
            };
        }

        bool Implements(string interfaceName, string target, HashSet<string> visited) =>
            interfaceName == target
            || (visited.Add(interfaceName) && interfaces.TryGetValue(interfaceName, out var resultInterface) && resultInterface.Bases.Any(b => Implements(b, target, visited)));
    }

    private TypeUse InputTypeUse(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => InputTypeUse(nonNull.Type).AsNullable(false),
        GraphQLListType list => new TypeUse(true, InputTypeUse(list.Type), null, null, null, null),
        GraphQLNamedType named => NamedInputTypeUse(_schema.AllTypes[named.Name.StringValue]!),
        _ => throw new NotSupportedException(type.Kind.ToString()),
    };

    private TypeUse InputTypeUse(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => InputTypeUse(nonNull.ResolvedType!).AsNullable(false),
        ListGraphType list => new TypeUse(true, InputTypeUse(list.ResolvedType!), null, null, null, null),
        _ => NamedInputTypeUse(type),
    };

    /// <summary>An enum or scalar (in or out, they map the same), or null for any other type.</summary>
    private TypeUse? LeafTypeUse(IGraphType type)
    {
        switch (type)
        {
            // Before scalars: GraphQL.NET's enumeration graph type is a scalar graph type.
            case EnumerationGraphType enumType:
                return new TypeUse(true, null, null, AddEnum(enumType), null, null);
            case ScalarGraphType scalar:
                return new TypeUse(true, null, _scalars[scalar.Name], null, null, null);
            default:
                return null;
        }
    }

    private TypeUse NamedInputTypeUse(IGraphType type)
    {
        if (LeafTypeUse(type) is { } leaf)
        {
            return leaf;
        }

        switch (type)
        {
            case IInputObjectGraphType input:
                return new TypeUse(true, null, null, null, AddInput(input), null);
            default:
                throw new NotSupportedException($"'{type.Name}' is not an input type.");
        }
    }

    /// <summary>Adds the enum once; returns its C# name.</summary>
    private string AddEnum(EnumerationGraphType enumType)
    {
        if (_enums.TryGetValue(enumType.Name, out var added))
        {
            return added.Name;
        }

        var name = SchemaType(enumType.Name);
        _originOf.TryAdd(name, _current);
        _enums[enumType.Name] = new EnumModel(name, enumType.Name, enumType.Description,
            [.. enumType.Values.Select(v => new EnumValueModel(v.Name, Naming.EnumMember(v.Name), v.Description))]);
        return name;
    }

    /// <summary>Adds the input class once; returns its C# name.</summary>
    private string AddInput(IInputObjectGraphType input)
    {
        var name = SchemaType(input.Name);
        if (_inputs.ContainsKey(input.Name))
        {
            return name;
        }

        // Registered before its fields, which may refer back to it (ProductFilterInput.and: [ProductFilterInput!]).
        _inputs[input.Name] = null;
        _originOf.TryAdd(name, _current);
        var fields = input.Fields.Select(f =>
        {
            var type = InputTypeUse(f.ResolvedType!);
            return new InputFieldModel(f.Name, InputProperty(f.Name, name), type, !type.Nullable && f.DefaultValue is null, f.Description);
        }).ToList();
        _inputs[input.Name] = new InputModel(name, input.Description, fields);
        return name;
    }

    /// <summary>A schema type's C# name (Naming.SchemaType), with a trailing _ where the client's own types have it.</summary>
    private string SchemaType(string graphQLName)
    {
        var name = Naming.SchemaType(graphQLName);
        return name == _clientName || name == "I" + _clientName || name == _clientName + "Registration" || name == _clientName + "Json" ? name + "_" : name;
    }

    /// <summary>
    /// An input field's property: Pascal-cased, with trailing _ while it or its backing fields would take a name the
    /// class uses (its own, CS0542; the WriteTo method; the readers' class, which WriteTo calls). The schema's names
    /// cannot be aliased.
    /// </summary>
    private string InputProperty(string fieldName, string className)
    {
        var name = Naming.Pascal(fieldName);
        while (name == className || name == "WriteTo" || name == _clientName + "Json" || Naming.InputBackingField(name) == className || Naming.InputSetFlag(name) == className)
        {
            name += "_";
        }

        return name;
    }
}
