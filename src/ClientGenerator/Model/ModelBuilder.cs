using Diecast.ClientGenerator.Diagnostics;
using Diecast.ClientGenerator.Documents;
using Diecast.ClientGenerator.Manifest;
using Diecast.GraphQL.Client;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Diecast.ClientGenerator.Model;

/// <summary>
/// Turns validated operations into the client's type model: fragments, then operations (their results through
/// <see cref="ResultModelBuilder"/>, the enums and inputs they use through <see cref="SchemaTypeModelBuilder"/>),
/// then the checks that the emitted code would compile (<see cref="NameCollisionCheck"/>, <see cref="FragmentImplementationCheck"/>).
/// Problems are added to the diagnostics; the model is usable only when none were.
/// </summary>
public static class ModelBuilder
{
    public static ClientModel Build(ISchema schema, OperationDocuments documents, ScalarMap scalars, string clientName, string @namespace, List<GeneratorDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(documents);
        var origins = new TypeOrigins();
        var schemaTypes = new SchemaTypeModelBuilder(schema, scalars, clientName, origins);
        var results = new ResultModelBuilder(schema, documents, scalars, schemaTypes, origins, diagnostics);
        var names = new NameCollisionCheck(clientName, origins, diagnostics);

        // Fragments first, in dependency order, so that the interfaces a selection implements exist when it is built;
        // only the ones operations use (validation reports the others).
        var built = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fragment in documents.Operations.SelectMany(o => documents.FragmentsUsedBy(o.Node)).DistinctBy(f => f.Name).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            AddFragment(fragment, built, []);
        }

        var operations = documents.Operations.Select(BuildOperation).ToList();
        var model = new ClientModel
        {
            ClientName = clientName,
            Namespace = @namespace,
            Operations = operations,
            Interfaces = results.Interfaces,
            Classes = results.Classes,
            ReadPositions = results.ReadPositions,
            Enums = schemaTypes.Enums,
            Inputs = schemaTypes.Inputs,
        };
        names.CheckTypesAndMembers(model, documents);
        // Colliding names already make the code unusable, and leave members this check could not tell apart.
        if (diagnostics.Count == 0)
        {
            FragmentImplementationCheck.Check(model, origins, diagnostics);
        }

        return model;

        void AddFragment(Definition fragment, HashSet<string> done, HashSet<string> inProgress)
        {
            if (done.Contains(fragment.Name) || !inProgress.Add(fragment.Name))
            {
                return;
            }

            foreach (var used in documents.FragmentsUsedBy(fragment.Node))
            {
                AddFragment(used, done, inProgress);
            }

            origins.Current = fragment;
            results.AddFragment(fragment);
            done.Add(fragment.Name);
            inProgress.Remove(fragment.Name);
        }

        OperationModel BuildOperation(Definition operation)
        {
            origins.Current = operation;
            var node = (GraphQLOperationDefinition)operation.Node;
            var (kind, root) = node.Operation == OperationType.Mutation ? ("Mutation", schema.Mutation!) : ("Query", (IGraphType)schema.Query);
            var result = results.AddOperationResult(operation, root);
            names.CheckVariableNames(operation);
            var variables = (node.Variables?.Items ?? []).Select(v => new VariableModel(
                v.Variable.Name.StringValue,
                schemaTypes.VariableTypeUse(v.Type),
                v.DefaultValue is not null || v.Type is not GraphQLNonNullType)).ToList();
            var document = DocumentExporter.Export(node, documents.FragmentsUsedBy(node).Select(f => (GraphQLFragmentDefinition)f.Node));
            return new OperationModel(operation.Name, kind, document, TrustedDocumentsFile.IdOf(document), variables, result);
        }
    }
}
