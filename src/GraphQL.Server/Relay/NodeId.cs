using System.Buffers.Text;
using System.Text;

namespace Diecast.GraphQL.Server.Relay;

/// <summary>
/// Opaque global IDs in HotChocolate's format: standard base64 (with padding) of <c>"{Type}:{key}"</c>.
/// HotChocolate's legacy form, base64 of <c>"{Type}\n{code}{key}"</c>, is accepted when parsing.
/// </summary>
public static class NodeId
{
    private const int MaxLength = 1024;

    public static string Encode(string typeName, int key) => Encode(typeName, key.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string Encode(string typeName, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{typeName}:{key}"));

    /// <summary>Splits an ID into type name and key; false when it is not an ID this API issues.</summary>
    public static bool TryDecode(string? id, out string typeName, out string key)
    {
        typeName = key = "";
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        // Clients may drop the padding; HotChocolate restores it, so do we.
        var padded = id.PadRight(id.Length + ((4 - (id.Length % 4)) % 4), '=');
        if (!Base64.IsValid(padded))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        var separator = text.IndexOfAny([':', '\n']);
        if (separator <= 0 || separator == text.Length - 1)
        {
            return false;
        }

        typeName = text[..separator];
        // Legacy IDs carry a one-letter type code before the key: i(nt), l(ong), s(hort), g(uid), d(efault).
        key = text[separator] == '\n' ? text[(separator + 2)..] : text[(separator + 1)..];
        return key.Length > 0;
    }

    /// <summary>The integer key of an ID of the given type; false for a malformed ID or an ID of another type.</summary>
    public static bool TryDecodeInt(string? id, string expectedTypeName, out int key)
    {
        key = 0;
        return TryDecode(id, out var typeName, out var text)
            && typeName == expectedTypeName
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out key);
    }
}
