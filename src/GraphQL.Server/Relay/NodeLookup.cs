using System.Globalization;

namespace Diecast.GraphQL.Server.Relay;

/// <summary>What node(id), nodes(ids) and the typed lookups share when they fetch objects by the keys inside global IDs.</summary>
public static class NodeLookup
{
    /// <summary>
    /// The keys that are canonical integers, once each: only these are looked up, so an ID names one object in one way
    /// (<c>"007"</c> and <c>"+7"</c> name nothing).
    /// </summary>
    public static int[] IntKeys(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return [.. keys.Select(ParseIntKey).OfType<int>().Distinct()];
    }

    /// <summary>The one object with this key, or null.</summary>
    public static async Task<object?> OneAsync(this INodeGraphType type, IResolveFieldContext context, string key)
    {
        ArgumentNullException.ThrowIfNull(type);
        return (await type.ResolveNodesAsync(context, [key])).GetValueOrDefault(key);
    }

    private static int? ParseIntKey(string key) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id.ToString(CultureInfo.InvariantCulture) == key ? id : null;
}
