using Diecast.ClientGenerator.Diagnostics;
using Diecast.ClientGenerator.Documents;
using GraphQLParser.AST;

namespace Diecast.ClientGenerator.Model;

/// <summary>
/// Names the generated code would declare twice, or that would hide a name it uses: each is reported (DGQL0030) at the
/// operation or fragment it comes from, instead of code that does not compile.
/// </summary>
internal sealed class NameCollisionCheck(string clientName, TypeOrigins origins, List<GeneratorDiagnostic> diagnostics)
{
    /// <summary>
    /// Parameters of ExecuteAsync: one per variable, named after it, then cancellationToken; the code writing them uses
    /// only names with <see cref="Naming.GeneratedLocalPrefix"/>.
    /// </summary>
    public void CheckVariableNames(Definition operation)
    {
        var node = (GraphQLOperationDefinition)operation.Node;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cancellationToken"] = "the CancellationToken parameter",
            // A parameter of this name would hide the field ExecuteAsync sends the request through.
            ["_connection"] = "the operation's connection field",
            // Possible when the client name starts with a lower-case letter; ExecuteAsync calls the readers by it.
            [clientName + "Json"] = "the client's readers class",
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
                diagnostics.Add(GeneratorDiagnostic.At(DiagnosticCodes.GeneratedNameCollision, operation.File, variable.Location.Start,
                    $"The variable '${name}' cannot be a parameter of {operation.Name}'s ExecuteAsync: {problem}; rename the variable."));
            }
        }
    }

    /// <summary>
    /// Every name the emitted code declares that comes from a GraphQL name, checked once over the whole model: types
    /// in the namespace, the client's members, properties of results and inputs, enum members and reader methods.
    /// </summary>
    public void CheckTypesAndMembers(ClientModel model, OperationDocuments documents)
    {
        var operationByName = documents.Operations.ToDictionary(o => o.Name, StringComparer.Ordinal);
        CheckTypeNames(model, operationByName, documents.Operations.Count > 0 ? documents.Operations[0] : null);
        CheckOperationNames(model, operationByName);
        CheckMemberNames(model);
        CheckReaderNames(model, documents);
    }

    private void CheckTypeNames(ClientModel model, Dictionary<string, Definition> operationByName, Definition? firstOperation)
    {
        var types = new List<(string Name, string What, Definition? Origin)>
        {
            ("I" + clientName, "the client's interface", null),
            (clientName, "the client", null),
            (clientName + "Registration", "the client's registration", null),
            (clientName + "Json", "the client's readers", null),
        };
        foreach (var operation in model.Operations)
        {
            types.Add((operation.TypeName, $"the {operation.Kind.ToLowerInvariant()} {operation.Name}", operationByName[operation.Name]));
            types.Add(("I" + operation.TypeName, $"the {operation.Kind.ToLowerInvariant()} {operation.Name}'s interface", operationByName[operation.Name]));
        }

        types.AddRange(model.Interfaces.Select(i => (i.Name, $"a result interface of {Describe(origins[i.Name])}", (Definition?)origins[i.Name])));
        types.AddRange(model.Classes.Select(c => (c.Name, $"a result class of {Describe(origins[c.Name])}", (Definition?)origins[c.Name])));
        types.AddRange(model.Enums.Select(e => (e.Name, $"the enum {e.Name}", (Definition?)origins[e.Name])));
        types.AddRange(model.Inputs.Select(i => (i.Name, $"the input {i.Name}", (Definition?)origins[i.Name])));
        types.AddRange(Naming.ReferencedTypes.Select(t => (t, $"the .NET type {t} that the generated code uses", (Definition?)null)));
        foreach (var group in types.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            // The client's own names against a .NET type: the client name setting, reported (DGQL0042) before this.
            if ((group.Select(t => t.Origin).OfType<Definition>().FirstOrDefault() ?? firstOperation) is not { } at)
            {
                continue;
            }

            Report(at, $"The generated type name '{group.Key}' would be used by {string.Join(" and by ", group.Select(t => t.What).Distinct(StringComparer.Ordinal))}; rename an operation or fragment (or the client).");
        }
    }

    /// <summary>
    /// The client class has a property per operation, next to its own Documents and the constructor's connection;
    /// its code names operation classes (Documents) and ArgumentNullException, which a property would hide.
    /// </summary>
    private void CheckOperationNames(ClientModel model, Dictionary<string, Definition> operationByName)
    {
        var operationTypes = model.Operations.Select(o => o.TypeName).ToHashSet(StringComparer.Ordinal);
        foreach (var operation in model.Operations.Where(o => o.Name is "Documents" or "connection" || o.Name == clientName || operationTypes.Contains(o.Name) || Naming.ReferencedTypes.Contains(o.Name)))
        {
            Report(operationByName[operation.Name], $"The operation name '{operation.Name}' would collide with the client's own member or name '{operation.Name}'; rename the operation.");
        }
    }

    private void CheckMemberNames(ClientModel model)
    {
        // A result's interface and class have the same properties: one report for both.
        var reported = new HashSet<(Definition, string)>();
        var members = model.Interfaces.Select(i => (i.Name, i.Properties.Select(p => p.PropertyName)))
            .Concat(model.Classes.Select(c => (c.Name, c.Properties.Select(p => p.PropertyName))));
        foreach (var (typeName, properties) in members)
        {
            CheckMembers(typeName, properties, origins[typeName], "the result type", "fields (alias one of them)", reported);
        }

        foreach (var input in model.Inputs)
        {
            var fields = input.Fields.Select(f => f.PropertyName).ToList();
            CheckMembers(input.Name, fields.Concat(fields.SelectMany(f => new[] { Naming.InputBackingField(f), Naming.InputSetFlag(f) })), origins[input.Name], "the input class", "schema fields", reported);
        }

        foreach (var enumModel in model.Enums)
        {
            // An enum member may have the enum's name (Kind.Kind): CS0542 is not about enums.
            CheckMembers(enumModel.Name, enumModel.Values.Select(v => v.MemberName), origins[enumModel.Name], "the enum", "schema values", reported, mayBeNamedLikeType: true);
        }
    }

    /// <summary>Members of one type named twice, or (except in enums) named like the type.</summary>
    private void CheckMembers(string typeName, IEnumerable<string> names, Definition origin, string what, string from, HashSet<(Definition, string)> reported, bool mayBeNamedLikeType = false)
    {
        foreach (var name in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1 || (g.Key == typeName && !mayBeNamedLikeType)).Select(g => g.Key))
        {
            if (!reported.Add((origin, name)))
            {
                continue;
            }

            Report(origin, name == typeName
                ? $"The member '{name}' of {what} '{typeName}' would have the name of its type; rename it with an alias or rename the operation or fragment."
                : $"Two {from} would both generate the member '{name}' of {what} '{typeName}'.");
        }
    }

    private void CheckReaderNames(ClientModel model, OperationDocuments documents)
    {
        var readers = model.ReadPositions.Select(p => "Read" + p.Name).Concat(model.Enums.SelectMany(e => new[] { "Read" + e.Name, "Format" + e.Name }));
        foreach (var reader in readers.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1 || g.Key == clientName + "Json"))
        {
            Report(documents.Operations[0], $"Two generated readers (or a reader and its class) would both be named '{reader.Key}' in {clientName}Json; rename an operation or fragment.");
        }
    }

    private void Report(Definition at, string message) =>
        diagnostics.Add(GeneratorDiagnostic.At(DiagnosticCodes.GeneratedNameCollision, at.File, at.Node.Location.Start, message));

    private static string Describe(Definition definition) =>
        definition.Node is GraphQLFragmentDefinition ? $"the fragment {definition.Name}" : $"the operation {definition.Name}";
}
