using Diecast.ClientGenerator.Documents;

namespace Diecast.ClientGenerator.Model;

/// <summary>
/// The operation or fragment each generated type was first made for: where a collision or a fragment that cannot be
/// implemented is reported. Types are recorded against <see cref="Current"/>, the definition being built.
/// </summary>
internal sealed class TypeOrigins
{
    private readonly Dictionary<string, Definition> _originOf = new(StringComparer.Ordinal);

    public Definition Current { get; set; } = null!;

    public Definition this[string typeName] => _originOf[typeName];

    /// <summary>Records <see cref="Current"/> as the origin of the type, unless an earlier definition made it first.</summary>
    public void Record(string typeName) => _originOf.TryAdd(typeName, Current);

    public Definition? Find(string typeName) => _originOf.GetValueOrDefault(typeName);
}
