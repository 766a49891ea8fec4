using Diecast.ClientGenerator.Diagnostics;

namespace Diecast.ClientGenerator.Model;

/// <summary>
/// A result implements the interfaces of the fragments it spreads, each property by the result's own value. That
/// fails when a field the fragment selects under @include/@skip is also selected unconditionally with other
/// sub-fields: the result's object is then not the fragment's. Reported (DGQL0031) instead of code that does not
/// compile.
/// </summary>
internal static class FragmentImplementationCheck
{
    public static void Check(ClientModel model, TypeOrigins origins, List<GeneratorDiagnostic> diagnostics)
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
                    var origin = origins.Find(declaringInterface) ?? origins[resultClass.Name];
                    diagnostics.Add(GeneratorDiagnostic.At(DiagnosticCodes.FragmentNotImplementable, origin.File, origin.Node.Location.Start,
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

            var isValueType = own.IsValueType;
            if (isValueType && !topLevel && own.Nullable != declared.Nullable)
            {
                return false;
            }

            return (own, declared) switch
            {
                ({ Item: { } ownItem }, { Item: { } declaredItem }) => Fits(ownItem, declaredItem, topLevel: false),
                ({ Position: { } ownPosition }, { Position: { } declaredPosition }) => Implements(ownPosition.InterfaceName, declaredPosition.InterfaceName, []),
                _ => true,
            };
        }

        bool Implements(string interfaceName, string target, HashSet<string> visited) =>
            interfaceName == target
            || (visited.Add(interfaceName) && interfaces.TryGetValue(interfaceName, out var resultInterface) && resultInterface.Bases.Any(b => Implements(b, target, visited)));
    }
}
