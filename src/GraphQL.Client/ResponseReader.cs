using System.Globalization;
using System.Text.Json;

namespace Diecast.GraphQL.Client;

/// <summary>
/// Reads response values for generated code, checking each JSON value against what the operation promises. A value
/// that does not match (a non-null field missing or null, a string where a number belongs) throws
/// <see cref="InvalidResponseDataException"/>, which the connection reports as a <see cref="ClientErrorCodes.InvalidData"/> error.
/// </summary>
public static class ResponseReader
{
    /// <summary>The value of a field the operation promises is there and not null.</summary>
    public static JsonElement Required(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw Mismatch(parent, path, "an object");
        }

        if (!parent.TryGetProperty(name, out var value))
        {
            throw new InvalidResponseDataException($"The non-null field '{path}.{name}' is missing from the response.");
        }

        return value.ValueKind == JsonValueKind.Null
            ? throw new InvalidResponseDataException($"The non-null field '{path}.{name}' is null in the response.")
            : value;
    }

    /// <summary>The value of a nullable field; false when it is null or absent (an @include/@skip may leave it out).</summary>
    public static bool TryGet(JsonElement parent, string name, out JsonElement value) =>
        parent.ValueKind == JsonValueKind.Object
            ? parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null
            : throw new InvalidResponseDataException($"An object with the field '{name}' was expected, but the response has {parent.ValueKind}: {Truncate(parent.GetRawText())}.");

    public static string ReadString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Mismatch(value, path, "a string");

    /// <summary>IDs may be serialized as numbers (the spec allows it); they are strings on the client.</summary>
    public static string ReadId(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        _ => throw Mismatch(value, path, "an ID"),
    };

    public static int ReadInt32(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw Mismatch(value, path, "a 32-bit integer");

    public static long ReadInt64(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw Mismatch(value, path, "a 64-bit integer");

    public static double ReadDouble(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : throw Mismatch(value, path, "a number");

    /// <summary>Decimals arrive as JSON numbers (our API's Decimal scalar); a string holding a number is accepted too.</summary>
    public static decimal ReadDecimal(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
        JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => number,
        _ => throw Mismatch(value, path, "a decimal number"),
    };

    public static bool ReadBoolean(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Mismatch(value, path, "a Boolean"),
    };

    public static DateTimeOffset ReadDateTimeOffset(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var moment) ? moment : throw Mismatch(value, path, "an ISO 8601 date and time");

    public static Guid ReadGuid(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var guid) ? guid : throw Mismatch(value, path, "a UUID");

    /// <summary>A custom scalar the client has no mapping for: kept as JSON (cloned, so it outlives the response).</summary>
    public static JsonElement ReadJson(JsonElement value, string path)
    {
        // Any JSON is a valid value here; the path is taken only so that generated code calls every reader alike.
        _ = path;
        return value.Clone();
    }

    /// <summary>The <c>__typename</c> that decides which generated type an abstract field becomes.</summary>
    public static string ReadTypename(JsonElement value, string path) =>
        ReadString(Required(value, "__typename", path), path + ".__typename");

    public static IReadOnlyList<T> ReadList<T>(JsonElement value, string path, Func<JsonElement, string, T> readItem)
    {
        ArgumentNullException.ThrowIfNull(readItem);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Mismatch(value, path, "a list");
        }

        var items = new T[value.GetArrayLength()];
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items[index] = readItem(item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");
            index++;
        }

        return items;
    }

    /// <summary>A list item the schema says is never null.</summary>
    public static JsonElement NonNullItem(JsonElement item, string path) =>
        item.ValueKind == JsonValueKind.Null ? throw new InvalidResponseDataException($"The non-null list item '{path}' is null in the response.") : item;

    public static InvalidResponseDataException UnknownEnumValue(JsonElement value, string path, string enumName) =>
        new($"The value {value.GetRawText()} at '{path}' is not a value of the enum {enumName} this client was generated with; regenerate the client from the current schema.");

    private static InvalidResponseDataException Mismatch(JsonElement value, string path, string expected) =>
        value.ValueKind == JsonValueKind.Null
            ? new($"The non-null value '{path}' is null in the response.")
            : new($"The value at '{path}' should be {expected} but is {value.ValueKind}: {Truncate(value.GetRawText())}.");

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

/// <summary>Response data that does not match the operation the client was generated from.</summary>
public sealed class InvalidResponseDataException : Exception
{
    public InvalidResponseDataException()
    {
    }

    public InvalidResponseDataException(string message)
        : base(message)
    {
    }

    public InvalidResponseDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
