using Diecast.ClientGenerator.Model;
using static Diecast.ClientGenerator.Emit.CSharpNames;

namespace Diecast.ClientGenerator.Emit;

/// <summary>Result interfaces (read-only properties, inheriting fragments' interfaces) and the immutable classes implementing them.</summary>
internal sealed class ResultTypeEmitter(CodeWriter code, IReadOnlyDictionary<string, ResultInterface> interfaces)
{
    public void EmitInterface(ResultInterface resultInterface)
    {
        var inherited = InheritedProperties(resultInterface).Select(p => p.Property.PropertyName).ToHashSet(StringComparer.Ordinal);
        var bases = resultInterface.Bases.Count == 0 ? "" : " : " + string.Join(", ", resultInterface.Bases);
        code.Line().Line($"/// <summary>A selection on the GraphQL type {resultInterface.GraphQLType}.</summary>");
        using (code.Block($"public partial interface {resultInterface.Name}{bases}"))
        {
            foreach (var property in resultInterface.Properties)
            {
                var hides = inherited.Contains(property.PropertyName) ? "new " : "";
                code.Line($"{hides}{TypeOf(property.Type)} {property.PropertyName} {{ get; }}");
            }
        }
    }

    public void EmitClass(ResultClass resultClass)
    {
        code.Line().Line(resultClass.GraphQLType is null
            ? "/// <summary>A value whose type this selection has no fields of its own for, including types added to the schema later.</summary>"
            : $"/// <summary>A {resultClass.GraphQLType} as the selection reads it.</summary>");
        using (code.Block($"public sealed partial class {resultClass.Name} : {resultClass.Implements}"))
        {
            EmitConstructor(resultClass);
            foreach (var property in resultClass.Properties)
            {
                code.Line().Line($"public {HidingModifier(property.PropertyName)}{TypeOf(property.Type)} {property.PropertyName} {{ get; }}");
            }

            EmitExplicitImplementations(resultClass);
        }
    }

    private void EmitConstructor(ResultClass resultClass)
    {
        var parameters = resultClass.Properties.Select(p => $"{TypeOf(p.Type)} {ResultLocal(p)}");
        var parameterNames = resultClass.Properties.Select(ResultLocal).ToHashSet(StringComparer.Ordinal);
        using (code.Block($"public {resultClass.Name}({string.Join(", ", parameters)})"))
        {
            foreach (var property in resultClass.Properties)
            {
                // A field _x's parameter is _xValue, which is also the property of a field _xValue.
                var target = parameterNames.Contains(property.PropertyName) ? "this." + property.PropertyName : property.PropertyName;
                code.Line($"{target} = {ResultLocal(property)};");
            }
        }
    }

    /// <summary>
    /// Interfaces further up declare some properties with less specific types (a fragment's nested interface): those
    /// are implemented explicitly, by the same value.
    /// </summary>
    private void EmitExplicitImplementations(ResultClass resultClass)
    {
        var byName = resultClass.Properties.ToDictionary(p => p.PropertyName, StringComparer.Ordinal);
        var explicitOnes = InheritedProperties(interfaces[resultClass.Implements], includeSelf: true)
            .Where(p => byName.TryGetValue(p.Property.PropertyName, out var own) && TypeOf(own.Type) != TypeOf(p.Property.Type))
            .Select(p => $"{TypeOf(p.Property.Type)} {p.Interface}.{p.Property.PropertyName} => {p.Property.PropertyName};")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (explicitOnes.Count > 0)
        {
            code.Line();
            foreach (var line in explicitOnes)
            {
                code.Line(line);
            }
        }
    }

    /// <summary>The properties of every interface a result interface extends, breadth first, each interface once.</summary>
    private IEnumerable<(string Interface, ResultProperty Property)> InheritedProperties(ResultInterface start, bool includeSelf = false)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(includeSelf ? [start.Name] : start.Bases);
        while (pending.Count > 0)
        {
            var name = pending.Dequeue();
            if (!seen.Add(name) || !interfaces.TryGetValue(name, out var resultInterface))
            {
                continue;
            }

            foreach (var property in resultInterface.Properties)
            {
                yield return (name, property);
            }

            foreach (var baseName in resultInterface.Bases)
            {
                pending.Enqueue(baseName);
            }
        }
    }
}
