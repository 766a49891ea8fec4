using Diecast.ClientGenerator.Model;

namespace Diecast.ClientGenerator.Emit;

/// <summary>How the emitted C# spells the model's types, and the names it gives locals and parameters of its own.</summary>
internal static class CSharpNames
{
    /// <summary>The C# type of a field or variable: IReadOnlyList&lt;T&gt; for lists, ? where nullable.</summary>
    public static string TypeOf(TypeUse type)
    {
        var name = type.Item is not null ? $"IReadOnlyList<{TypeOf(type.Item)}>"
            : type.ScalarType?.CSharpName ?? type.EnumName ?? type.InputName ?? type.Position!.InterfaceName;
        return type.Nullable ? name + "?" : name;
    }

    /// <summary>The modifier of a class's property named like a member of object (Equals), which it hides on purpose.</summary>
    public static string HidingModifier(string propertyName) => Naming.HidesObjectMember(propertyName) ? "new " : "";

    /// <summary>
    /// The local a reader reads a property into, which is also the result constructor's parameter: title → titleValue,
    /// __typename → typename. The suffix keeps it apart from keywords and from the property itself.
    /// </summary>
    public static string ResultLocal(ResultProperty property) =>
        property.ResponseName == "__typename" ? "typename" : BareCamel(property.PropertyName) + "Value";

    private static string BareCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
